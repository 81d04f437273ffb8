package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestDiscordRegister runs `claimbot discord register` against a fake
// Discord REST API (DISCORD_API_URL) that answers the bulk overwrite as
// Discord does.
func TestDiscordRegister(t *testing.T) {
	var paths []string
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bot "+discordTok {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"message": "401: Unauthorized", "code": 0}`)
			return
		}
		if r.Method != http.MethodPut || !strings.HasSuffix(r.URL.Path, "/commands") {
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
			w.WriteHeader(http.StatusNotFound)
			return
		}
		paths = append(paths, r.URL.Path)
		var cmds []map[string]any
		if err := json.NewDecoder(r.Body).Decode(&cmds); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		for _, c := range cmds {
			c["id"] = "1177381190321860618"
			c["application_id"] = "837290412345678901"
			c["version"] = "1"
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(cmds)
	}))
	defer fake.Close()

	tests := []struct {
		name     string
		vars     map[string]string
		args     []string
		code     int
		out, err string
		path     string
	}{
		{"guild", map[string]string{"DISCORD_BOT_TOKEN": discordTok, "DISCORD_APP_ID": "837290412345678901"},
			[]string{"--guild", "290926798626357999"}, 0, "registered /claim (id 1177381190321860618) in server 290926798626357999", "",
			"/api/v10/applications/837290412345678901/guilds/290926798626357999/commands"},
		{"global", map[string]string{"DISCORD_BOT_TOKEN": discordTok, "DISCORD_APP_ID": "837290412345678901"},
			nil, 0, "globally", "", "/api/v10/applications/837290412345678901/commands"},
		{"bad token", map[string]string{"DISCORD_BOT_TOKEN": "wrong", "DISCORD_APP_ID": "837290412345678901"},
			nil, 1, "", "Discord refused the bot token (401): check DISCORD_BOT_TOKEN", ""},
		{"no settings", nil, nil, 1, "", "set DISCORD_BOT_TOKEN and DISCORD_APP_ID", ""},
		{"stray argument", map[string]string{"DISCORD_BOT_TOKEN": discordTok, "DISCORD_APP_ID": "1"}, []string{"now"}, 2, "", "Usage", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths = nil
			vars := map[string]string{"DISCORD_API_URL": fake.URL + "/api/v10/"}
			for k, v := range tt.vars {
				vars[k] = v
			}
			env := testEnv(t, vars, nil)
			code, out, errOut := runCLI(t, env, append([]string{"discord", "register"}, tt.args...)...)
			if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errOut, tt.err) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, out, errOut, tt.code, tt.out, tt.err)
			}
			if tt.path != "" && (len(paths) != 1 || paths[0] != tt.path) {
				t.Errorf("PUT %v, want %s", paths, tt.path)
			}
			if strings.Contains(out+errOut, discordTok) {
				t.Error("the token was printed")
			}
		})
	}
}
