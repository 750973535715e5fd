package data

import (
	"fmt"
	"strings"
)

// Normalize folds the kinds and skills, writes the joining day in its stored form and makes a new
// volunteer active.
func (v *Volunteer) Normalize() {
	v.Kinds, v.Skills = normalizeTags(v.Kinds), normalizeTags(v.Skills)
	v.Number = Fold(v.Number)
	v.UnifiedNumber = strings.ToUpper(strings.Join(strings.Fields(Fold(v.UnifiedNumber)), ""))
	normDate(&v.Joined)
	if v.ID == 0 {
		v.Active = true
	}
}

// Validate checks that the volunteer is a resident and, when given, the joining day (empty: the
// store gives today).
func (v Volunteer) Validate() error {
	bad := &Invalid{}
	if v.PersonID == 0 {
		bad.Add("居民", "必须选择一位居民")
	}
	checkDate(bad, "加入日期", v.Joined, false)
	if msg := unifiedNumberProblem(v.UnifiedNumber); msg != "" {
		bad.Add("志愿者统一编号", "%s", msg)
	}
	return bad.Err()
}

// Normalize folds and trims the community's name.
func (c *Community) Normalize() { c.Name = strings.TrimSpace(Fold(c.Name)) }

// Validate checks the community's name.
func (c Community) Validate() error { return checkPlaceName("社区名称", c.Name) }

// Normalize folds and trims the grid's name.
func (g *Grid) Normalize() { g.Name = strings.TrimSpace(Fold(g.Name)) }

// Validate checks the grid's name.
func (g Grid) Validate() error { return checkPlaceName("网格名称", g.Name) }

func checkPlaceName(field, name string) error {
	bad := &Invalid{}
	if n := len([]rune(name)); n == 0 || n > 40 {
		bad.Add(field, "不能为空，最多 40 个字")
	}
	return bad.Err()
}

// Validate checks the relation and that a child is not their own guardian. Ages (a child under
// 18, an adult guardian) need the people's birth dates and are the store's to check.
func (l GuardianLink) Validate() error {
	bad := &Invalid{}
	if !inList(l.Relation, GuardianRelations) {
		bad.Add("关系", "应为 父亲、母亲、祖父母 或 其他监护人")
	}
	if l.ChildID == l.GuardianID {
		bad.Add("监护人", "不能是本人")
	}
	return bad.Err()
}

// Normalize writes the period in its stored form.
func (c *Certificate) Normalize() {
	normDate(&c.From)
	normDate(&c.To)
}

// Validate checks a certificate about to be issued: a known kind, a person and a period.
func (c Certificate) Validate() error {
	if certPrefix[c.Kind] == "" {
		return &Error{Code: CodeInvalid, Message: "未知的证书种类：" + c.Kind}
	}
	bad := &Invalid{}
	if c.PersonID == 0 {
		bad.Add("对象", "必须选择")
	}
	if c.From == "" || c.To == "" || c.To < c.From {
		bad.Add("期间", "起止日期不完整或先后颠倒")
	}
	return bad.Err()
}

// unifiedNumberProblem checks a 志愿者统一编号 as far as its form is known: letters, digits and
// hyphens, at most 32 (the national system's own format should be checked against it).
func unifiedNumberProblem(n string) string {
	if len(n) > 32 {
		return "不能超过 32 位"
	}
	for _, r := range n {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r == '-') {
			return fmt.Sprintf("“%s”只能由字母、数字和“-”组成", n)
		}
	}
	return ""
}
