package data

import "strings"

// Normalize trims the display name.
func (u *User) Normalize() { u.DisplayName = strings.TrimSpace(u.DisplayName) }

// Validate checks the username (2–32 characters, no spaces), the display name and the role. The
// password's rule is CheckPasswordRule.
func (u User) Validate() error {
	v := &Invalid{}
	if n := len([]rune(u.Username)); n < 2 || n > 32 || strings.ContainsAny(u.Username, " \t\n") {
		v.Add("用户名", "应为 2–32 个字符，不含空格")
	}
	if len([]rune(u.DisplayName)) > 20 {
		v.Add("姓名", "不能超过 20 个字")
	}
	if !u.Role.Valid() {
		v.Add("角色", "“%s”不是有效角色", u.Role)
	}
	return v.Err()
}
