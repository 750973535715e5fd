package reports

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// Two PDFs rendered at once share the one embedded font: neither may write into it (run under
// -race; gofpdf's checksum padding used to append into the font's bytes).
func TestPDFsRenderAtOnce(t *testing.T) {
	var wg sync.WaitGroup
	out := make([][]byte, 4)
	errs := make([]error, 4)
	for i := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			m := Meta{Office: "海宁市硖石街道办事处", PrintedAt: printedAt, AuditHead: strings.Repeat("ab", 32), Subtitle: "范围：南苑社区"}
			errs[i] = ResidentRoster(&b, m, samplePeople(30))
			out[i] = b.Bytes()
		}()
	}
	wg.Wait()
	for i := range out {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(out[i], out[0]) {
			t.Fatalf("PDF %d differs from PDF 0 (%d and %d bytes)", i, len(out[i]), len(out[0]))
		}
	}
}
