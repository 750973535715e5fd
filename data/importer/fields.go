package importer

import (
	"strings"

	"golang.org/x/text/width"
)

// Field is one of Linli's importable fields, named as the mapping screen shows it.
type Field string

// The fields, in the order the mapping screen lists them.
const (
	Name             Field = "姓名"
	IDNumber         Field = "身份证号"
	Phone            Field = "联系电话"
	Community        Field = "社区"
	Grid             Field = "网格"
	Address          Field = "地址"
	Sex              Field = "性别"
	BirthDate        Field = "出生日期"
	Tags             Field = "标签"
	Notes            Field = "备注"
	EmergencyContact Field = "紧急联系人"
	EmergencyPhone   Field = "紧急联系电话"
	VolunteerKinds   Field = "志愿者类别"
	Skills           Field = "技能特长"
	Weekdays         Field = "可服务时间"
	VolunteerNumber  Field = "志愿者编号"
	UnifiedNumber    Field = "志愿者统一编号"
	HouseholdNumber  Field = "户号"
	HouseholdHead    Field = "户主"
	HouseholdRel     Field = "与户主关系"
)

// PeopleFields and VolunteerFields are what each kind of import reads.
var (
	PeopleFields = []Field{Name, IDNumber, Phone, Community, Grid, Address, Sex, BirthDate, Tags, Notes, EmergencyContact, EmergencyPhone,
		HouseholdNumber, HouseholdHead, HouseholdRel}
	VolunteerFields = append(append([]Field{}, PeopleFields...), VolunteerKinds, Skills, Weekdays, VolunteerNumber, UnifiedNumber)
)

// aliases are the header texts offices use for each field, after folding and without spaces.
var aliases = map[Field][]string{
	Name:             {"姓名", "名字", "居民姓名", "老人姓名", "儿童姓名", "志愿者姓名"},
	IDNumber:         {"身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "证件号"},
	Phone:            {"手机", "手机号", "手机号码", "联系电话", "电话", "联系方式", "电话号码"},
	Community:        {"社区", "所属社区", "社区名称"},
	Grid:             {"网格", "所属网格", "网格名称"},
	Address:          {"地址", "住址", "家庭住址", "居住地址", "现住址"},
	Sex:              {"性别"},
	BirthDate:        {"出生日期", "出生年月", "生日", "出生年月日"},
	Tags:             {"标签", "类别", "人员类别", "人员类型", "特殊人群"},
	Notes:            {"备注", "说明"},
	EmergencyContact: {"紧急联系人"},
	EmergencyPhone:   {"紧急联系电话", "紧急联系人电话"},
	VolunteerKinds:   {"志愿者类别", "志愿者类型", "队伍", "所属队伍"},
	Skills:           {"技能", "特长", "技能特长", "专长"},
	Weekdays:         {"可服务时间", "服务时间", "空闲时间"},
	VolunteerNumber:  {"志愿者编号", "编号"},
	UnifiedNumber:    {"志愿者统一编号", "统一编号", "全国志愿者编号", "全国统一编号"},
	HouseholdNumber:  {"户号", "户编号", "家庭编号", "户籍编号"},
	HouseholdHead:    {"户主", "户主姓名"},
	HouseholdRel:     {"与户主关系", "与户主的关系", "家庭关系", "户内关系"},
}

func normHeader(h string) string {
	h = width.Fold.String(clean(h))
	h = strings.NewReplacer(" ", "", "　", "", "*", "", "：", "", ":", "", "(必填)", "", "（必填）", "").Replace(h)
	return h
}

// AutoMap maps header columns to fields by name; each field takes the first matching column.
func AutoMap(header []string) map[Field]int {
	m := map[Field]int{}
	for i, h := range header {
		n := normHeader(h)
		if n == "" {
			continue
		}
		for f, names := range aliases {
			if _, taken := m[f]; taken {
				continue
			}
			for _, a := range names {
				if n == a {
					m[f] = i
				}
			}
		}
	}
	// 类别 means volunteer kinds in a volunteer sheet that has no 标签 column of its own; the
	// caller decides, so both may point at it.
	return m
}
