package main

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/claimbot/claimbot/adapters/discord"
	"github.com/claimbot/claimbot/adapters/slack"
	"github.com/claimbot/claimbot/bot"
	botmetrics "github.com/claimbot/claimbot/bot/metrics"
	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/feeds"
	"github.com/claimbot/claimbot/jobs"
	"github.com/claimbot/claimbot/web"
)

func init() {
	register(command{name: "serve", summary: "run the Slack and Discord bots, the reminder jobs, the claim pages, /healthz and /metrics", run: runServe})
}

// shutdownTimeout bounds the clean stop after SIGTERM.
const shutdownTimeout = 5 * time.Second

// runServe is `claimbot serve`: it runs until ctx ends (SIGTERM, Ctrl-C),
// then stops cleanly and exits 0.
func runServe(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		fmt.Fprintln(env.Stderr, "Usage: claimbot serve  (settings come from the environment; see .env.example)")
		return exitError{2}
	}
	m := NewMain(env)
	if err := m.Open(ctx); err != nil {
		m.Close()
		return err
	}
	err := m.Wait(ctx)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return err
}

// Main is one `claimbot serve` process: the store, the bot, the enabled
// platforms, the jobs and the HTTP server. Open starts it (listening
// before it returns, so Addr is known), Wait blocks until the context
// ends or a part fails, and Close stops it all within shutdownTimeout.
type Main struct {
	env *Env
	log *slog.Logger

	store    claims.Store
	reg      *prometheus.Registry
	bot      *bot.Bot
	adapters []bot.Adapter // the platforms that are on
	pool     *bot.Pool     // bounds the answers' work of every platform (they share the cores)
	sched    *jobs.Scheduler
	feeds    *feeds.Poller  // nil when CLAIMBOT_FEED_SCHEDULE=off
	feedSc   *jobs.Schedule // when it polls
	pages    *web.Handler
	ln       net.Listener
	srv      *http.Server
	mln      net.Listener // CLAIMBOT_METRICS_ADDR, when set
	msrv     *http.Server

	cancel  context.CancelFunc // stops the background parts
	wg      sync.WaitGroup
	errc    chan error // the first failure of a background part
	once    sync.Once
	started bool
}

// NewMain returns a Main for env (its Config already loaded).
func NewMain(env *Env) *Main {
	return &Main{env: env, log: newLogger(env.Config, env.Stderr), errc: make(chan error, 4)}
}

// Addr is the address the HTTP server listens on, e.g. "127.0.0.1:8080"
// ("" before Open).
func (m *Main) Addr() string {
	if m.ln == nil {
		return ""
	}
	return m.ln.Addr().String()
}

// MetricsAddr is the address of the separate /metrics listener
// (CLAIMBOT_METRICS_ADDR), "" when there is none.
func (m *Main) MetricsAddr() string {
	if m.mln == nil {
		return ""
	}
	return m.mln.Addr().String()
}

// Handler is the HTTP handler of the server (after Open).
func (m *Main) Handler() http.Handler { return m.srv.Handler }

// Open opens the store (ingesting the bundled sample into an empty one),
// builds the bot and each platform whose settings are present, starts the
// jobs and the HTTP server, and logs one line saying what is on and off.
// Errors are *claims.Error: EUNAVAILABLE when the store or the address
// cannot be opened, EINVALID for bad settings.
func (m *Main) Open(ctx context.Context) error {
	cfg := m.env.Config
	// Listen first: a taken port fails before anything is opened.
	var err error
	m.ln, err = net.Listen("tcp", cfg.Addr)
	if err != nil {
		return claims.Errorf(claims.EUNAVAILABLE, "cannot listen on %s (CLAIMBOT_ADDR): %v", cfg.Addr, err)
	}
	if m.store, err = openStore(ctx, m.env); err != nil {
		return err
	}
	if err := ensureSample(ctx, m.env, m.store); err != nil {
		return err
	}
	if m.pages, err = newPages(cfg, m.store, m.log); err != nil {
		return err
	}
	m.reg = prometheus.NewRegistry()
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics, err := botmetrics.New(m.reg)
	if err != nil {
		return err
	}
	// The pool runs the answers of every platform, and the searches each
	// answer fans out count against its workers (Pool.Store).
	m.pool = bot.NewPool(bot.PoolConfig{Workers: cfg.AnswerWorkers, Queue: cfg.AnswerQueue, MaxWait: cfg.AnswerMaxWait})
	if m.bot, err = newBot(m.env, m.pool.Store(m.store), m.log, metrics.Middleware()); err != nil {
		return err
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", m.serveHealth)
	m.pages.Routes(mux)
	posters := map[string]bot.Poster{}
	state := map[string]string{"pages": pagesState(cfg)}
	if state["metrics"], err = m.openMetrics(mux); err != nil {
		return err
	}

	state["slack"], err = m.openSlack(posters)
	if err != nil {
		return err
	}
	state["discord"], err = m.openDiscord(posters)
	if err != nil {
		return err
	}
	for _, a := range m.adapters {
		if r, ok := a.(bot.Router); ok {
			r.Routes(mux)
		}
	}
	m.sched, err = jobs.New(schedulerConfig(m.env, m.log.With("part", "jobs")), m.store, posters)
	if err != nil {
		return err
	}
	state["jobs"] = jobsState(cfg, posters)
	if state["feeds"], err = m.openFeeds(); err != nil {
		return err
	}

	if m.srv, err = m.newServer(mux); err != nil {
		return err
	}
	if err := m.start(ctx); err != nil {
		return err
	}
	m.started = true
	m.log.Info("claimbot serve: started", "addr", m.Addr(), "store", storeKind(cfg),
		"slack", state["slack"], "discord", state["discord"], "jobs", state["jobs"], "feeds", state["feeds"], "pages", state["pages"], "metrics", state["metrics"])
	return nil
}

// newServer is the HTTP server of mux, with its request metrics and
// timeouts.
func (m *Main) newServer(mux *http.ServeMux) (*http.Server, error) {
	httpMetrics, err := newHTTPMetrics(m.reg)
	if err != nil {
		return nil, err
	}
	return &http.Server{
		Handler:           httpMetrics.wrap(mux),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(m.log.Handler(), slog.LevelWarn),
	}, nil
}

// start runs the parts in the background, on a context that outlives
// ctx and ends with Close: the HTTP servers, the adapters, the jobs and
// the feeds.
func (m *Main) start(ctx context.Context) error {
	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	m.cancel = cancel
	m.goPart("http", func() error {
		if err := m.srv.Serve(m.ln); !errors.Is(err, http.ErrServerClosed) {
			return claims.Errorf(claims.EUNAVAILABLE, "http server: %v", err)
		}
		return nil
	})
	if m.msrv != nil {
		m.goPart("metrics", func() error {
			if err := m.msrv.Serve(m.mln); !errors.Is(err, http.ErrServerClosed) {
				return claims.Errorf(claims.EUNAVAILABLE, "metrics server: %v", err)
			}
			return nil
		})
	}
	for _, a := range m.adapters {
		m.goPart(a.Platform(), func() error { return a.Run(bg) })
	}
	if err := m.sched.Start(bg); err != nil {
		return err
	}
	if m.feeds != nil {
		m.goPart("feeds", func() error { return m.feeds.Run(bg, m.feedSc) })
	}
	return nil
}

// openMetrics serves /metrics: on its own listener when
// CLAIMBOT_METRICS_ADDR is set ("off": nowhere), else on the main one,
// but there only when it listens on loopback or a bearer token
// (CLAIMBOT_METRICS_TOKEN) protects it. It says where.
func (m *Main) openMetrics(mux *http.ServeMux) (string, error) {
	cfg := m.env.Config
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
	guarded := ""
	if cfg.MetricsToken != "" {
		h = bearer(string(cfg.MetricsToken), h)
		guarded = ", bearer token"
	}
	switch {
	case strings.EqualFold(cfg.MetricsAddr, "off"):
		return "off (CLAIMBOT_METRICS_ADDR=off)", nil
	case cfg.MetricsAddr != "":
		ln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return "", claims.Errorf(claims.EUNAVAILABLE, "cannot listen on %s (CLAIMBOT_METRICS_ADDR): %v", cfg.MetricsAddr, err)
		}
		mm := http.NewServeMux()
		mm.Handle("GET /metrics", h)
		m.mln = ln
		m.msrv = &http.Server{Handler: mm, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
			WriteTimeout: 30 * time.Second, ErrorLog: slog.NewLogLogger(m.log.Handler(), slog.LevelWarn)}
		return "on (" + ln.Addr().String() + guarded + ")", nil
	case cfg.MetricsToken == "" && !loopback(m.ln.Addr()):
		return "off (" + m.Addr() + " is not loopback: set CLAIMBOT_METRICS_TOKEN or CLAIMBOT_METRICS_ADDR)", nil
	}
	mux.Handle("GET /metrics", h)
	return "on (/metrics" + guarded + ")", nil
}

// loopback reports whether a listener's address is a loopback one.
func loopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}

// bearer lets through requests with "Authorization: Bearer token"
// (compared in constant time), and answers 401 to the rest.
func bearer(token string, next http.Handler) http.Handler {
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="claimbot metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// openSlack enables Slack when its token and a way to receive (signing
// secret or app token) are set, and says why when it does not.
func (m *Main) openSlack(posters map[string]bot.Poster) (string, error) {
	cfg := m.env.Config
	switch {
	case cfg.SlackBotToken == "" && cfg.SlackSigningSecret == "" && cfg.SlackAppToken == "":
		return "off (no SLACK_* settings)", nil
	case cfg.SlackBotToken == "":
		return "off (SLACK_BOT_TOKEN not set)", nil
	case cfg.SlackSigningSecret == "" && cfg.SlackAppToken == "":
		return "off (set SLACK_SIGNING_SECRET for HTTP or SLACK_APP_TOKEN for Socket Mode)", nil
	}
	a, err := slack.New(slack.Config{
		SigningSecret: string(cfg.SlackSigningSecret),
		BotToken:      string(cfg.SlackBotToken),
		AppToken:      string(cfg.SlackAppToken),
		APIURL:        cfg.SlackAPIURL,
		Logger:        m.log,
		Seen:          m.store,
		Pool:          m.pool,
	}, m.bot)
	if err != nil {
		return "", err
	}
	m.adapters = append(m.adapters, a)
	posters["slack"] = a
	var on []string
	if cfg.SlackSigningSecret != "" {
		on = append(on, "http /slack/*")
	}
	if cfg.SlackAppToken != "" {
		on = append(on, "socket mode")
	}
	return "on (" + strings.Join(on, ", ") + ")", nil
}

// openDiscord enables Discord when a bot token (gateway, posting) or a
// public key (HTTP interactions) is set, and says why when it does not.
func (m *Main) openDiscord(posters map[string]bot.Poster) (string, error) {
	cfg := m.env.Config
	if cfg.DiscordBotToken == "" && cfg.DiscordPublicKey == "" {
		return "off (neither DISCORD_BOT_TOKEN nor DISCORD_PUBLIC_KEY set)", nil
	}
	a, err := discord.New(discord.Config{
		BotToken:  string(cfg.DiscordBotToken),
		PublicKey: cfg.DiscordPublicKey,
		AppID:     cfg.DiscordAppID,
		APIURL:    cfg.DiscordAPIURL,
		Prefix:    cfg.DiscordPrefix,
		Logger:    m.log,
		Seen:      m.store,
		Pool:      m.pool,
	}, m.bot)
	if err != nil {
		return "", err
	}
	m.adapters = append(m.adapters, a)
	var on []string
	if cfg.DiscordPublicKey != "" {
		on = append(on, "http /discord/interactions")
	} else {
		on = append(on, "no http interactions: DISCORD_PUBLIC_KEY not set")
	}
	if cfg.DiscordBotToken != "" {
		posters["discord"] = a
		on = append(on, "gateway")
	} else {
		on = append(on, "no gateway or reminders: DISCORD_BOT_TOKEN not set")
	}
	return "on (" + strings.Join(on, ", ") + ")", nil
}

// openFeeds builds the feed poller on CLAIMBOT_FEED_SCHEDULE, unless it
// is off, and says which.
func (m *Main) openFeeds() (string, error) {
	sc, err := feedSchedule(m.env.Config)
	if err != nil || sc == nil {
		return "off (CLAIMBOT_FEED_SCHEDULE=off)", err
	}
	if m.feeds, err = newPoller(m.env, m.store, m.log.With("part", "feeds"), m.sched); err != nil {
		return "", err
	}
	m.feedSc = sc
	return fmt.Sprintf("on (schedule %q in %s)", sc.String(), m.env.Config.TZ), nil
}

// jobsState says where reminders go, and which channels cannot be posted
// to because their platform is off.
func jobsState(cfg Config, posters map[string]bot.Poster) string {
	if len(cfg.ReminderChannels) == 0 {
		return "on (no reminder channels: CLAIMBOT_REMINDER_CHANNELS not set)"
	}
	var to, off []string
	for _, ch := range cfg.ReminderChannels {
		p, _, _ := strings.Cut(ch, ":")
		if posters[p] != nil {
			to = append(to, ch)
		} else {
			off = append(off, ch)
		}
	}
	s := fmt.Sprintf("on (schedule %q in %s", cfg.ReminderSchedule, cfg.TZ)
	if len(to) > 0 {
		s += "; reminders to " + strings.Join(to, ",")
	}
	if len(off) > 0 {
		s += "; skipping " + strings.Join(off, ",") + ": platform off"
	}
	return s + ")"
}

func storeKind(cfg Config) string {
	if strings.HasPrefix(cfg.DatabaseURL, "postgres://") || strings.HasPrefix(cfg.DatabaseURL, "postgresql://") {
		return "postgres"
	}
	return "sqlite"
}

// goPart runs a background part; its error stops the server.
func (m *Main) goPart(name string, f func() error) {
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if err := f(); err != nil {
			m.log.Error("claimbot serve: part failed", "part", name, "err", err)
			select {
			case m.errc <- err:
			default:
			}
		}
	}()
}

// Wait blocks until ctx ends (nil) or a part fails (its error).
func (m *Main) Wait(ctx context.Context) error {
	select {
	case <-ctx.Done():
		m.log.Info("claimbot serve: stopping")
		return nil
	case err := <-m.errc:
		return err
	}
}

// Close stops the HTTP server (letting requests in flight finish), the
// jobs (letting the tick in progress end) and the platforms (each
// adapter's Run lets its answers in flight be sent), then closes the
// store, all within shutdownTimeout. It is safe to call more than once and after a failed
// Open.
func (m *Main) Close() error {
	var errs []error
	m.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if m.srv != nil {
			if err := m.srv.Shutdown(ctx); err != nil {
				errs = append(errs, fmt.Errorf("http shutdown: %w", err))
			}
		} else if m.ln != nil {
			m.ln.Close()
		}
		if m.msrv != nil {
			if err := m.msrv.Shutdown(ctx); err != nil {
				errs = append(errs, fmt.Errorf("metrics shutdown: %w", err))
			}
			m.mln.Close() // when Open failed before serving it
		}
		if m.sched != nil {
			if err := m.sched.Stop(ctx); err != nil {
				errs = append(errs, fmt.Errorf("jobs stop: %w", err))
			}
		}
		if m.cancel != nil {
			m.cancel()
		}
		done := make(chan struct{})
		go func() { m.wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-ctx.Done():
			errs = append(errs, errors.New("background parts did not stop in time"))
		}
		if m.store != nil {
			if err := m.store.Close(); err != nil {
				errs = append(errs, fmt.Errorf("store close: %w", err))
			}
		}
		if len(errs) == 0 && m.started {
			m.log.Info("claimbot serve: stopped")
		}
	})
	return errors.Join(errs...)
}

// pinger is a store that can check its connection cheaply.
type pinger interface {
	Ping(ctx context.Context) error
}

// serveHealth answers GET /healthz: 200 {"status":"ok"} when the store
// answers within two seconds, else 503 {"status":"unavailable"}; the
// reason goes to the log, never to the caller.
func (m *Main) serveHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	var err error
	if p, ok := m.store.(pinger); ok {
		err = p.Ping(ctx)
	} else {
		_, err = m.store.CountAttributions(ctx)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	body := map[string]string{"status": "ok"}
	if err != nil {
		m.log.Warn("healthz: store unreachable", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		body = map[string]string{"status": "unavailable"}
	}
	json.NewEncoder(w).Encode(body)
}

// newLogger builds the process logger from CLAIMBOT_LOG_LEVEL and
// CLAIMBOT_LOG_FORMAT, writing to w. Secrets in Config are Secret values,
// which log as [redacted].
func newLogger(cfg Config, w io.Writer) *slog.Logger {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		lvl = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lvl}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// httpMetrics count and time HTTP requests by route pattern and status.
type httpMetrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newHTTPMetrics(reg prometheus.Registerer) (*httpMetrics, error) {
	h := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimbot_http_requests_total", Help: "HTTP requests, by route and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "claimbot_http_request_duration_seconds", Help: "Time to answer an HTTP request, by route.",
			Buckets: []float64{.001, .005, .01, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
	}
	for _, c := range []prometheus.Collector{h.requests, h.latency} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("http metrics: %w", err)
		}
	}
	return h, nil
}

// wrap instruments next, a ServeMux: the route is the pattern the mux
// matched ("POST /slack/commands"), or "unmatched". It marks the
// request's arrival (bot.WithArrival), from which the platforms'
// acknowledgement deadlines count.
func (h *httpMetrics) wrap(next *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		r = r.WithContext(bot.WithArrival(r.Context(), start))
		next.ServeHTTP(sw, r) // sets r.Pattern
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		h.requests.WithLabelValues(route, fmt.Sprint(sw.code)).Inc()
		h.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (s *statusWriter) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
