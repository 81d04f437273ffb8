package migrate_test

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/claimbot/claimbot/claims/migrate"
)

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"m/0010_later.sql":  {Data: []byte("CREATE TABLE c (x);")},
		"m/0002_second.sql": {Data: []byte("-- claimbot: foreign_keys=off\n-- Rebuilds b.\n--claimbot:  note = kept \nCREATE TABLE b (x);\n-- claimbot: ignored=after the SQL")},
		"m/0001_init.sql":   {Data: []byte("-- The first.\nCREATE TABLE a (x);")},
		"m/README":          {Data: []byte("not a migration")},
	}
	ms, err := migrate.Load(fsys, "m")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
	}
	if want := []string{"0001_init.sql", "0002_second.sql", "0010_later.sql"}; !reflect.DeepEqual(names, want) {
		t.Errorf("Load = %v, want %v (by version, numerically)", names, want)
	}
	if ms[2].Version != 10 || !strings.Contains(ms[2].SQL, "CREATE TABLE c") {
		t.Errorf("0010: version %d, SQL %q", ms[2].Version, ms[2].SQL)
	}
	if want := map[string]string{"foreign_keys": "off", "note": "kept"}; !reflect.DeepEqual(ms[1].Directives, want) {
		t.Errorf("0002 directives = %v, want %v (leading comments only)", ms[1].Directives, want)
	}
	if ms[0].Directives != nil {
		t.Errorf("0001 directives = %v, want none", ms[0].Directives)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no number", fstest.MapFS{"m/init.sql": {}}, "init.sql: name is not NNNN_name.sql"},
		{"not a number", fstest.MapFS{"m/one_init.sql": {}}, "one_init.sql: name is not NNNN_name.sql"},
		{"version 0", fstest.MapFS{"m/0000_init.sql": {}}, "0000_init.sql: name is not NNNN_name.sql"},
		{"same version", fstest.MapFS{"m/0001_a.sql": {}, "m/01_b.sql": {}}, "version 1 is also"},
	} {
		_, err := migrate.Load(tt.fsys, "m")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Load error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}
