package main

import (
	"context"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

// TestAnswerPoolSettings: CLAIMBOT_ANSWER_WORKERS, _QUEUE and _MAX_WAIT
// size serve's answer pool; unset, the pool's defaults; a bad value is an
// EINVALID error naming the variable and what it wants.
func TestAnswerPoolSettings(t *testing.T) {
	for _, tc := range []struct {
		vars map[string]string
		want bot.PoolConfig // Workers, Queue, MaxWait
		err  string         // "" when valid: the start of the message otherwise
	}{
		{vars: nil, want: bot.PoolConfig{Workers: 2 * runtime.GOMAXPROCS(0), Queue: bot.DefaultQueue, MaxWait: bot.DefaultMaxWait}},
		{vars: map[string]string{"CLAIMBOT_ANSWER_WORKERS": "3", "CLAIMBOT_ANSWER_QUEUE": " 64 ", "CLAIMBOT_ANSWER_MAX_WAIT": "5s"},
			want: bot.PoolConfig{Workers: 3, Queue: 64, MaxWait: 5 * time.Second}},
		{vars: map[string]string{"CLAIMBOT_ANSWER_MAX_WAIT": "2m"}, want: bot.PoolConfig{Workers: 2 * runtime.GOMAXPROCS(0), Queue: bot.DefaultQueue, MaxWait: 2 * time.Minute}},
		{vars: map[string]string{"CLAIMBOT_ANSWER_WORKERS": "0"}, err: "CLAIMBOT_ANSWER_WORKERS: want a number from 1 to 1024"},
		{vars: map[string]string{"CLAIMBOT_ANSWER_WORKERS": "four"}, err: "CLAIMBOT_ANSWER_WORKERS: want a number from 1 to 1024"},
		{vars: map[string]string{"CLAIMBOT_ANSWER_WORKERS": "5000"}, err: "CLAIMBOT_ANSWER_WORKERS: want a number from 1 to 1024"},
		{vars: map[string]string{"CLAIMBOT_ANSWER_QUEUE": "-1"}, err: "CLAIMBOT_ANSWER_QUEUE: want a number from 1 to"},
		{vars: map[string]string{"CLAIMBOT_ANSWER_MAX_WAIT": "30"}, err: "CLAIMBOT_ANSWER_MAX_WAIT: want a duration from 1s to 2m0s"},
		{vars: map[string]string{"CLAIMBOT_ANSWER_MAX_WAIT": "500ms"}, err: "CLAIMBOT_ANSWER_MAX_WAIT: want a duration"},
		{vars: map[string]string{"CLAIMBOT_ANSWER_MAX_WAIT": "1h"}, err: "CLAIMBOT_ANSWER_MAX_WAIT: want a duration"},
	} {
		cfg, err := LoadConfig(func(k string) string { return tc.vars[k] })
		if tc.err != "" {
			var ce *claims.Error
			if !errors.As(err, &ce) || ce.Code != claims.EINVALID || !strings.HasPrefix(ce.Message, tc.err) {
				t.Errorf("%v: err %v; want EINVALID %q…", tc.vars, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", tc.vars, err)
			continue
		}
		// What serve builds its pool from, defaults applied.
		got := bot.NewPool(bot.PoolConfig{Workers: cfg.AnswerWorkers, Queue: cfg.AnswerQueue, MaxWait: cfg.AnswerMaxWait}).Config()
		if got.Workers != tc.want.Workers || got.Queue != tc.want.Queue || got.MaxWait != tc.want.MaxWait {
			t.Errorf("%v: pool %+v; want %+v", tc.vars, got, tc.want)
		}
	}
	// serve's pool is the one the settings describe.
	m := NewMain(testEnv(t, map[string]string{"CLAIMBOT_ANSWER_WORKERS": "3", "CLAIMBOT_ANSWER_QUEUE": "7", "CLAIMBOT_ANSWER_MAX_WAIT": "9s"}, io.Discard))
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if got := m.pool.Config(); got.Workers != 3 || got.Queue != 7 || got.MaxWait != 9*time.Second {
		t.Errorf("serve's pool: %+v; want 3 workers, queue 7, 9s", got)
	}
}
