package data

import (
	"strings"
	"time"
)

// KnownTags are the tags offices use; others may be added freely.
var KnownTags = []string{"独居", "高龄", "空巢", "失能", "残疾", "低保", "困境儿童", "特殊家庭", "退役军人", "党员"}

// Person is a resident (居民).
type Person struct {
	ID          int64
	Name        string
	Sex         string // 男, 女 or "" when unknown
	BirthDate   string // YYYY-MM-DD or ""
	IDNumber    string // 18 characters or ""
	Phone       string // normalised, or ""
	CommunityID int64
	Community   string // name, filled by queries
	GridID      int64  // 0 when none
	Grid        string
	Address     string
	Tags        []string
	Notes       string
	Erased      bool

	EmergencyContact string // name and relation, e.g. 李建国（儿子）
	EmergencyPhone   string
}

// Age is the person's age in whole years on day, or -1 when the birth date is unknown.
func (p Person) Age(day time.Time) int {
	b, err := time.Parse("2006-01-02", p.BirthDate)
	if err != nil {
		return -1
	}
	age := day.Year() - b.Year()
	if day.Month() < b.Month() || (day.Month() == b.Month() && day.Day() < b.Day()) {
		age--
	}
	return age
}

// Normalize folds and trims every field and fills birth date and sex from the ID number, then
// validates. What was typed must agree with the ID number.
func (p *Person) Normalize(now time.Time) error {
	v := &Invalid{}
	p.Name = strings.Join(strings.Fields(Fold(p.Name)), " ")
	switch n := len([]rune(p.Name)); {
	case n == 0:
		v.Add("姓名", "不能为空")
	case n > 50:
		v.Add("姓名", "不能超过 50 个字")
	}
	p.Sex = Fold(p.Sex)
	switch p.Sex {
	case "", Male, Female:
	case "M", "m", "男性":
		p.Sex = Male
	case "F", "f", "女性":
		p.Sex = Female
	default:
		v.Add("性别", "应为“男”或“女”，不是“%s”", p.Sex)
	}
	p.BirthDate = Fold(p.BirthDate)
	if p.BirthDate != "" {
		if d, err := ParseDate(p.BirthDate); err != nil {
			v.Add("出生日期", "%s", err.Error())
		} else if d.After(now) {
			v.Add("出生日期", "不能晚于今天")
		} else {
			p.BirthDate = d.Format("2006-01-02")
		}
	}
	p.IDNumber = strings.ToUpper(strings.Join(strings.Fields(Fold(p.IDNumber)), ""))
	if p.IDNumber != "" {
		info, err := ParseID(p.IDNumber, now)
		if err != nil {
			v.fields = append(v.fields, err.(*Error).Fields...)
		} else {
			p.IDNumber = info.Number
			birth := info.Birth.Format("2006-01-02")
			if p.BirthDate != "" && p.BirthDate != birth {
				v.Add("出生日期", "与身份证号不符（证件显示 %s）", birth)
			}
			if p.Sex != "" && p.Sex != info.Sex {
				v.Add("性别", "与身份证号不符（证件显示 %s）", info.Sex)
			}
			p.BirthDate, p.Sex = birth, info.Sex
		}
	}
	if ph, err := NormalizePhone(p.Phone); err != nil {
		v.fields = append(v.fields, err.(*Error).Fields...)
	} else {
		p.Phone = ph
	}
	if p.CommunityID == 0 {
		v.Add("社区", "必须选择")
	}
	p.Address = strings.TrimSpace(Fold(p.Address))
	if len([]rune(p.Address)) > 120 {
		v.Add("地址", "不能超过 120 个字")
	}
	p.Tags = normalizeTags(p.Tags)
	p.EmergencyContact = strings.TrimSpace(Fold(p.EmergencyContact))
	if ph, err := NormalizePhone(p.EmergencyPhone); err != nil {
		v.Add("紧急联系电话", "不是有效的电话号码")
	} else {
		p.EmergencyPhone = ph
	}
	p.Notes = strings.TrimSpace(p.Notes)
	return v.Err()
}

// SplitTags splits a tag list typed or imported as 独居、高龄 / 独居,高龄 / 独居 高龄.
func SplitTags(s string) []string {
	return normalizeTags(strings.FieldsFunc(Fold(s), func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == ' ' || r == '/'
	}))
}

func normalizeTags(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range in {
		t = Fold(t)
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}
