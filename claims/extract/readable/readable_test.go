package readable

import (
	"os"
	"testing"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/extract/page"
)

func TestRead(t *testing.T) {
	b, err := os.ReadFile("../testdata/harbor.html")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Read(b, nil)
	if err != nil || a.Node == nil || a.Title == "" {
		t.Fatalf("Read(harbor.html) = %+v, %v", a, err)
	}
	if _, err := Read([]byte("<html><body></body></html>"), nil); claims.ErrorCode(err) != claims.EINVALID {
		t.Errorf("a page without an article: %v", err)
	}
	if page.Registered() == nil {
		t.Error("importing readable registers no reader")
	}
}
