package data

import (
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

// genMatch draws students with up to three distinct choices among some posts, some barred.
func genMatch(t *rapid.T) ([]MatchStudent, map[int64]int) {
	nPosts := rapid.IntRange(1, 8).Draw(t, "posts")
	places := map[int64]int{}
	for i := 1; i <= nPosts; i++ {
		places[int64(i)] = rapid.IntRange(0, 4).Draw(t, "places")
	}
	n := rapid.IntRange(0, 40).Draw(t, "students")
	students := make([]MatchStudent, n)
	for i := range students {
		st := MatchStudent{ID: int64(i + 1), Hardship: rapid.Bool().Draw(t, "hardship")}
		seen := map[int64]bool{}
		for k := rapid.IntRange(0, 3).Draw(t, "choices"); k > 0; k-- {
			p := int64(rapid.IntRange(1, nPosts).Draw(t, "post"))
			if seen[p] {
				continue
			}
			seen[p] = true
			c := MatchChoice{PostID: p}
			if rapid.IntRange(0, 9).Draw(t, "barred") == 0 {
				c.Barred = "年龄不足"
			}
			st.Choices = append(st.Choices, c)
		}
		students[i] = st
	}
	return students, places
}

func TestMatchNeverOverPlaces(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		students, places := genMatch(t)
		run := Match(students, places, rapid.Int64().Draw(t, "seed"))
		got := map[int64]int{}
		for _, o := range run.Outcomes {
			if o.PostID != 0 {
				got[o.PostID]++
			}
		}
		for p, n := range got {
			if n > places[p] {
				t.Fatalf("post %d: %d placed, %d places", p, n, places[p])
			}
		}
	})
}

func TestMatchHardshipStudentsBeforeOthersForTheSamePost(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		students, places := genMatch(t)
		run := Match(students, places, rapid.Int64().Draw(t, "seed"))
		placed := map[int64]MatchOutcome{}
		for _, o := range run.Outcomes {
			placed[o.ID] = o
		}
		for _, other := range students {
			o := placed[other.ID]
			if other.Hardship || o.PostID == 0 {
				continue
			}
			for _, h := range students {
				if !h.Hardship {
					continue
				}
				for r, c := range h.Choices {
					got := placed[h.ID]
					if c.PostID == o.PostID && c.Barred == "" && (got.PostID == 0 || got.Rank > r+1) {
						t.Fatalf("student %d (not hardship) got post %d that hardship student %d wanted as choice %d, who got %+v",
							other.ID, o.PostID, h.ID, r+1, got)
					}
				}
			}
		}
	})
}

func TestMatchSameSeedSameRun(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		students, places := genMatch(t)
		seed := rapid.Int64().Draw(t, "seed")
		if a, b := Match(students, places, seed), Match(students, places, seed); !reflect.DeepEqual(a, b) {
			t.Fatalf("two runs with seed %d differ", seed)
		}
	})
}

func TestMatchLotteryIsFixedByItsDefinition(t *testing.T) {
	// The first numbers of splitmix64 from seed 0 (its published reference values): a seed
	// printed on a result re-runs the same on any machine.
	rng := splitmix64(0)
	for _, want := range []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f} {
		if got := rng.next(); got != want {
			t.Fatalf("got %#x, want %#x", got, want)
		}
	}
}

func BenchmarkMatch2000Students300Posts(b *testing.B) {
	places := map[int64]int{}
	for i := 1; i <= 300; i++ {
		places[int64(i)] = 1 + i%8
	}
	students := make([]MatchStudent, 2000)
	for i := range students {
		st := MatchStudent{ID: int64(i + 1), Hardship: i%7 == 0}
		for k := 0; k < 3; k++ {
			st.Choices = append(st.Choices, MatchChoice{PostID: int64(1 + (i*31+k*97)%300)})
		}
		students[i] = st
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Match(students, places, int64(i))
	}
}
