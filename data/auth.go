package data

import (
	"context"
)

// Role is what a user may do.
type Role string

// The four roles.
const (
	RoleAdmin    Role = "管理员"
	RoleStaff    Role = "社工"
	RoleWorkshop Role = "工坊管理员"
	RoleViewer   Role = "只读"
)

// Roles lists the roles in the order screens offer them.
var Roles = []Role{RoleAdmin, RoleStaff, RoleWorkshop, RoleViewer}

// Perm is one thing a store call needs.
type Perm int

// Permissions checked by store methods.
const (
	PermView          Perm = iota // read lists and print masked documents
	PermPeopleWrite               // add, change, import, erase residents and volunteers
	PermReveal                    // see a masked ID number or phone in full
	PermCareWrite                 // 助老 records
	PermChildrenWrite             // 儿童项目 records
	PermWorkshop                  // 灯彩工坊 records and money
	PermWorkshopView              // see the workshop and its money (not 社工)
	PermRestricted                // disability data of trainees
	PermAdmin                     // accounts, office, audit, backup and restore
	PermConcernsWrite             // 民情议事 records
	PermPostsWrite                // 爱心岗位 records
	PermMarketWrite               // 共富集市 records
	PermMarketRules               // 共富集市公约, fee rules and market settings
)

var permNames = map[Perm]string{
	PermView: "查看", PermPeopleWrite: "修改居民档案", PermReveal: "查看完整证件号和电话",
	PermCareWrite: "修改助老记录", PermChildrenWrite: "修改儿童项目", PermWorkshop: "工坊业务与收入",
	PermRestricted: "查看残疾信息", PermAdmin: "系统管理", PermWorkshopView: "查看工坊收入", PermConcernsWrite: "登记和办理民情",
	PermPostsWrite: "管理爱心岗位", PermMarketWrite: "管理共富集市", PermMarketRules: "修改集市公约和收费规则",
}

var rolePerms = map[Role]map[Perm]bool{
	RoleAdmin: {PermView: true, PermPeopleWrite: true, PermReveal: true, PermCareWrite: true,
		PermChildrenWrite: true, PermWorkshop: true, PermWorkshopView: true, PermRestricted: true, PermAdmin: true, PermConcernsWrite: true, PermPostsWrite: true,
		PermMarketWrite: true, PermMarketRules: true},
	RoleStaff: {PermView: true, PermPeopleWrite: true, PermReveal: true, PermCareWrite: true, PermChildrenWrite: true, PermConcernsWrite: true, PermPostsWrite: true,
		PermMarketWrite: true},
	RoleWorkshop: {PermView: true, PermWorkshop: true, PermWorkshopView: true, PermRestricted: true},
	RoleViewer:   {PermView: true, PermWorkshopView: true},
}

// Can reports whether role has perm.
func (r Role) Can(p Perm) bool { return rolePerms[r][p] }

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool { _, ok := rolePerms[r]; return ok }

// Actor is who is calling the store: a signed-in user, or the system before any account exists.
type Actor struct {
	UserID   int64
	Username string
	Display  string
	Role     Role
	// MustChange: an administrator reset the password; until the user chooses a new one
	// (ChangePassword) the store refuses everything else.
	MustChange bool
	// Personal: at sign-in the account could print and export personal documents (its role or
	// the administrator's decision); the store asks again at each one (RecordPersonal).
	Personal bool
}

type actorKey struct{}

// WithActor returns a context that carries the signed-in user.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx, or nil.
func ActorFrom(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// systemActor acts while a database has no accounts yet (first setup, sample loading).
var systemActor = &Actor{Username: "系统", Display: "系统", Role: RoleAdmin, Personal: true}

// authorize returns the actor allowed to do p, or ErrForbidden. A database without accounts
// lets the system act, so that setup and the sample data can run before anyone signs in.
func (s *Store) authorize(ctx context.Context, q querier, p Perm) (*Actor, error) {
	a := ActorFrom(ctx)
	if a == nil {
		n, err := countUsers(ctx, q)
		if err != nil {
			return nil, mapErr(err, "账户")
		}
		if n > 0 {
			return nil, forbidden("请先登录")
		}
		return systemActor, nil
	}
	if a.MustChange {
		return nil, forbidden("您的密码是管理员设置的（新账户的初始密码或重置的密码），请先在窗口中登录，设置自己的新密码")
	}
	if !a.Role.Can(p) {
		return nil, forbidden("“" + string(a.Role) + "”角色无权" + permNames[p])
	}
	return a, nil
}
