package data

import (
	"fmt"
	"sort"
)

// The allocation of a market day's stalls, without a database. The priority is fixed and
// documented (docs and the 摊位安排表 print it):
//
//  1. 帮扶 stalls to 帮扶户 vendors whose household holds a hardship attribute on the day;
//  2. 公益 stalls to the charity roster;
//  3. 农产品 and 普通 stalls to vendors holding a term permit on the day;
//  4. then to the other applicants;
//
// each group in application order (the application's sequence, then the vendor's id). A vendor
// takes the free stall that fits best: a 农产品 stall only for produce (and produce vendors take
// those before 普通 ones), a stall limited to a category only for that category (and before an
// open stall), then by stall number; and no more than the category cap of stalls selling the same
// thing. Whoever gets none is told why. The same
// inputs always give the same result.

// Refusal reasons, as a vendor is told them.
const (
	RefuseLeave      = "已请假"
	RefuseUnsigned   = "未签公约"
	RefuseSuspended  = "暂停资格"
	RefuseIneligible = "帮扶资格不符"
	RefuseCategory   = "类别已满"
	RefuseFull       = "已满"
)

// AllocGroups names the priority groups (index = group).
var AllocGroups = []string{"", "帮扶户", "公益", "持证摊主", "申请摊主"}

// AllocStall is one stall of the day's layout.
type AllocStall struct {
	ID       int64
	Number   string
	Kind     StallKind
	Category string // the stall's limit, "" for any
}

// AllocVendor is one applicant for the day.
type AllocVendor struct {
	ID        int64 // the vendor
	Seq       int64 // application order
	Kind      VendorKind
	Category  string
	Eligible  bool   // 帮扶户: the household holds a hardship attribute on the day
	Permit    bool   // holds a term permit on the day
	Signed    bool   // signed the pact in force on the day
	Suspended string // why suspended on the day ("" when not)
	Leave     bool   // reported beforehand that they will not come
}

// AllocLine is one vendor's outcome.
type AllocLine struct {
	VendorID int64
	Group    int
	Order    int   // 1-based position in the processing order
	StallID  int64 // 0: no stall
	Reason   string
	Detail   string // the reason spelled out
}

// allocGroup is the vendor's priority group.
func allocGroup(v AllocVendor) int {
	switch {
	case v.Kind == VendorHelped:
		return 1
	case v.Kind == VendorCharity:
		return 2
	case v.Permit:
		return 3
	}
	return 4
}

// StallFits reports whether a vendor may use a stall, leaving aside whether it is free.
func StallFits(st AllocStall, v AllocVendor) bool {
	if st.Category != "" && st.Category != v.Category {
		return false
	}
	switch v.Kind {
	case VendorHelped:
		return st.Kind == StallHelp && v.Eligible
	case VendorCharity:
		return st.Kind == StallCharity
	}
	switch st.Kind {
	case StallProduce:
		return inList(v.Category, ProduceCategories)
	case StallRegular:
		return true
	}
	return false
}

// barred is why a vendor cannot be given any stall, before stalls are looked at.
func barred(v AllocVendor) (string, string) {
	switch {
	case v.Leave:
		return RefuseLeave, "摊主已报告本次不来"
	case !v.Signed:
		return RefuseUnsigned, "未签署现行的共富集市公约，签署后才能分配摊位"
	case v.Suspended != "":
		return RefuseSuspended, v.Suspended
	case v.Kind == VendorHelped && !v.Eligible:
		return RefuseIneligible, "集市当日所在户无低保户、低边户、困难家庭或残疾人家庭属性"
	}
	return "", ""
}

// AllocateStalls gives out the stalls by the priority above; cap is the category cap (0: none). The
// lines come in processing order.
func AllocateStalls(stalls []AllocStall, vendors []AllocVendor, cap int) []AllocLine {
	order := append([]AllocStall(nil), stalls...)
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].Number != order[j].Number {
			return order[i].Number < order[j].Number
		}
		return order[i].ID < order[j].ID
	})
	vs := append([]AllocVendor(nil), vendors...)
	sort.SliceStable(vs, func(i, j int) bool {
		gi, gj := allocGroup(vs[i]), allocGroup(vs[j])
		if gi != gj {
			return gi < gj
		}
		if vs[i].Seq != vs[j].Seq {
			return vs[i].Seq < vs[j].Seq
		}
		return vs[i].ID < vs[j].ID
	})
	taken := make([]bool, len(order))
	perCategory := map[string]int{}
	lines := make([]AllocLine, 0, len(vs))
	for i, v := range vs {
		l := AllocLine{VendorID: v.ID, Group: allocGroup(v), Order: i + 1}
		if r, d := barred(v); r != "" {
			l.Reason, l.Detail = r, d
		} else if cap > 0 && perCategory[v.Category] >= cap {
			l.Reason, l.Detail = RefuseCategory, fmt.Sprintf("“%s”已有 %d 个摊位，达到同品类上限", v.Category, cap)
		} else if k := pickStall(order, taken, v); k < 0 {
			l.Reason, l.Detail = RefuseFull, "没有适合的空余摊位，已列入候补"
		} else {
			taken[k] = true
			perCategory[v.Category]++
			l.StallID = order[k].ID
		}
		lines = append(lines, l)
	}
	return lines
}

// pickStall is the index of the free stall that fits best, or -1: for a produce vendor a 农产品
// stall before a 普通 one, a stall limited to the vendor's category before an open one, then by
// stall number.
func pickStall(order []AllocStall, taken []bool, v AllocVendor) int {
	best, bestRank := -1, 0
	for k, st := range order {
		if taken[k] || !StallFits(st, v) {
			continue
		}
		rank := 0
		if st.Kind == StallRegular && v.Kind == VendorRegular && inList(v.Category, ProduceCategories) {
			rank += 2
		}
		if st.Category == "" {
			rank++
		}
		if best < 0 || rank < bestRank {
			best, bestRank = k, rank
		}
	}
	return best
}
