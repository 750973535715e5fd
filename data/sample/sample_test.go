package sample_test

import (
	"context"
	"testing"
)

func TestLoadThenCheckOK(t *testing.T) {
	s := mustSample(t)
	problems, err := s.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Fatalf("check: %v", problems)
	}
}
