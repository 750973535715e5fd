package data

// String is the permission's name in Chinese, e.g. 查看工坊收入.
func (p Perm) String() string { return permNames[p] }
