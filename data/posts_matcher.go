package data

import "fmt"

// The matching itself, without a database: students in two groups (hardship first, then the
// others), each group in the order of a seeded lottery, each student given the first of their
// choices that still has a place and that they may lawfully take. Because a student of the first
// group is served before anyone of the second, no hardship student who wanted a post is left
// without it (or a better choice) while another student got it.

// MatchStudent is one student in the matching.
type MatchStudent struct {
	ID       int64 // the application
	Hardship bool
	Choices  []MatchChoice
}

// MatchChoice is one ranked choice; Barred is why the student may not take it ("" when they may).
type MatchChoice struct {
	PostID int64
	Barred string
}

// MatchOutcome is where one student ended up.
type MatchOutcome struct {
	ID     int64
	PostID int64 // 0: not placed
	Rank   int   // 1-based choice placed at
	Order  int   // position in the processing order (hardship group first, then lottery)
	Why    string
}

// MatchRun is the result of one run: an outcome per student (in processing order) and each post's
// waiting list (students who wanted it and were not placed, in processing order).
type MatchRun struct {
	Seed     int64
	Outcomes []MatchOutcome
	WaitList map[int64][]int64
}

// splitmix64 is the lottery's generator: tiny, fixed by its definition, so that a seed gives the
// same order on every machine and every version of Go.
type splitmix64 uint64

func (s *splitmix64) next() uint64 {
	*s += 0x9E3779B97F4A7C15
	z := uint64(*s)
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// below returns a number in [0, n) without modulo bias.
func (s *splitmix64) below(n int) int {
	limit := ^uint64(0) - ^uint64(0)%uint64(n)
	for {
		if v := s.next(); v < limit {
			return int(v % uint64(n))
		}
	}
}

// lotteryOrder shuffles the students (Fisher–Yates). The input order must itself be fixed (by
// application ID) for the result to be reproducible.
func lotteryOrder(students []MatchStudent, rng *splitmix64) []MatchStudent {
	out := append([]MatchStudent(nil), students...)
	for i := len(out) - 1; i > 0; i-- {
		j := rng.below(i + 1)
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Match places students in posts with places[postID] places each. The same students (in the same
// order), places and seed give the same run.
func Match(students []MatchStudent, places map[int64]int, seed int64) MatchRun {
	rng := splitmix64(uint64(seed))
	var first, rest []MatchStudent
	for _, st := range students {
		if st.Hardship {
			first = append(first, st)
		} else {
			rest = append(rest, st)
		}
	}
	order := append(lotteryOrder(first, &rng), lotteryOrder(rest, &rng)...)
	left := make(map[int64]int, len(places))
	for id, n := range places {
		left[id] = n
	}
	run := MatchRun{Seed: seed, Outcomes: make([]MatchOutcome, 0, len(order)), WaitList: map[int64][]int64{}}
	for i, st := range order {
		o := MatchOutcome{ID: st.ID, Order: i + 1}
		var why []string
		for r, c := range st.Choices {
			switch {
			case c.Barred != "":
				why = append(why, fmt.Sprintf("第%d志愿：%s", r+1, c.Barred))
			case left[c.PostID] <= 0:
				why = append(why, fmt.Sprintf("第%d志愿：名额已满", r+1))
			default:
				o.PostID, o.Rank = c.PostID, r+1
			}
			if o.PostID != 0 {
				break
			}
		}
		if o.PostID != 0 {
			left[o.PostID]--
		} else {
			if len(why) == 0 {
				why = append(why, "没有志愿")
			}
			o.Why = joinWhy(why)
			for _, c := range st.Choices {
				if c.Barred == "" {
					run.WaitList[c.PostID] = append(run.WaitList[c.PostID], st.ID)
				}
			}
		}
		run.Outcomes = append(run.Outcomes, o)
	}
	return run
}

func joinWhy(why []string) string {
	out := why[0]
	for _, w := range why[1:] {
		out += "；" + w
	}
	return out
}
