// Package web serves claimbot's read-only pages: /claims (the claims,
// filtered and paged), /claims/ID (a claim with its full sourcing, its
// articles, its history and, when resolved, its schema.org ClaimReview as
// JSON-LD) and /articles/ID (an article with its attributions marked).
//
// The pages are html/template, with one embedded stylesheet and no
// script. Article text is untrusted input: everything is escaped by
// html/template, and the pages send a Content-Security-Policy that allows
// no script at all.
//
// Access is open (anyone may read; the notes of a claim's history need a
// signed link) or signed (every page needs a signed link: an HMAC token
// that expires, see Signer). No page changes anything.
//
// The templates render the view model of view.go; fill.go is the only
// code that reads the claim model.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/claimbot/claimbot/bot"
	"github.com/claimbot/claimbot/claims"
)

//go:embed templates/*.html assets/*
var files embed.FS

// Defaults of Options.
const (
	DefaultLinkLifetime = 7 * 24 * time.Hour
	DefaultPageSize     = 25
	DefaultReviewAuthor = "claimbot"
	// MinSecretLen is the shortest page secret accepted, in bytes.
	MinSecretLen = 16
)

// Options configure the pages. The zero value serves open pages with no
// signed links.
type Options struct {
	Access       string        // AccessOpen ("" too) or AccessSigned
	Secret       []byte        // the page secret; needed by AccessSigned, and for notes on open pages
	LinkLifetime time.Duration // how long a signed link opens its page; default DefaultLinkLifetime
	PublicURL    string        // where the pages are served, e.g. "https://claims.example.org"; "" when unknown
	PageSize     int           // claims per page of /claims; default DefaultPageSize
	ReviewAuthor string        // the ClaimReview's author (an organisation); default DefaultReviewAuthor
	TZ           *time.Location
	Now          func() time.Time
	Logger       *slog.Logger
}

// Handler serves the pages. Safe for concurrent use.
type Handler struct {
	store  claims.Store
	opts   Options
	signer *Signer // nil without a secret
	links  *Links
	pages  map[string]*template.Template
	css    []byte
	cssURL string
}

// New returns the pages over store. Errors: EINVALID for an unknown
// access mode, or a secret missing (signed access) or shorter than
// MinSecretLen.
func New(store claims.Store, opts Options) (*Handler, error) {
	switch opts.Access {
	case "":
		opts.Access = AccessOpen
	case AccessOpen, AccessSigned:
	default:
		return nil, claims.Errorf(claims.EINVALID, "pages: unknown access %q (want open or signed)", opts.Access)
	}
	if opts.Access == AccessSigned && len(opts.Secret) == 0 {
		return nil, claims.Errorf(claims.EINVALID, "pages: signed access needs a page secret")
	}
	if n := len(opts.Secret); n > 0 && n < MinSecretLen {
		return nil, claims.Errorf(claims.EINVALID, "pages: the page secret is %d bytes; use at least %d (e.g. openssl rand -hex 32)", n, MinSecretLen)
	}
	if opts.LinkLifetime <= 0 {
		opts.LinkLifetime = DefaultLinkLifetime
	}
	if opts.PageSize <= 0 {
		opts.PageSize = DefaultPageSize
	}
	if opts.ReviewAuthor == "" {
		opts.ReviewAuthor = DefaultReviewAuthor
	}
	if opts.TZ == nil {
		opts.TZ = time.UTC
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	h := &Handler{store: store, opts: opts}
	if len(opts.Secret) > 0 {
		h.signer = NewSigner(opts.Secret, opts.Now)
	}
	h.links = NewLinks(opts.PublicURL, h.signer, opts.LinkLifetime)
	var err error
	if h.css, err = fs.ReadFile(files, "assets/claimbot.css"); err != nil {
		return nil, fmt.Errorf("pages: %w", err)
	}
	sum := sha256.Sum256(h.css)
	h.cssURL = "/assets/claimbot.css?v=" + hex.EncodeToString(sum[:4])
	if h.pages, err = parsePages(opts.TZ); err != nil {
		return nil, fmt.Errorf("pages: %w", err)
	}
	return h, nil
}

// Links builds the (signed) URLs of the pages for chat messages.
func (h *Handler) Links() *Links { return h.links }

// Routes mounts the pages on mux.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/claims", http.StatusFound)
	})
	mux.HandleFunc("GET /claims", h.serveList)
	mux.HandleFunc("GET /claims/{id}", h.serveClaim)
	mux.HandleFunc("GET /claims/{id}/claimreview.json", h.serveClaimReview)
	mux.HandleFunc("GET /articles/{id}", h.serveArticle)
	mux.HandleFunc("GET /assets/claimbot.css", h.serveCSS)
}

// ServeHTTP serves the pages alone (for tests and embedding).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	mux := http.NewServeMux()
	h.Routes(mux)
	mux.ServeHTTP(w, r)
}

// pageData is what every template gets: the layout's fields and the
// page's view model in Body.
type pageData struct {
	Title   string
	CSS     string
	L       linker
	Private bool   // opened with a valid signed link: notes are shown
	Notice  string // e.g. that the link has expired
	NoIndex bool
	Body    any
}

// access decides whether r may see its page: ok false means 403 was
// answered. A valid token makes the page private (notes shown) and its
// links signed with the same expiry.
func (h *Handler) access(w http.ResponseWriter, r *http.Request) (pageData, bool) {
	d := pageData{CSS: h.cssURL, L: linker{canList: true}}
	var err error = ErrNoToken
	var exp time.Time
	if h.signer != nil {
		exp, err = h.signer.Verify(r.URL.Path, r.URL.Query().Get(TokenParam))
	}
	if err == nil {
		d.Private, d.NoIndex = true, true
		d.L = linker{signer: h.signer, exp: exp, canList: h.opts.Access == AccessOpen || r.URL.Path == "/claims"}
		return d, true
	}
	if h.opts.Access == AccessSigned {
		d.NoIndex = true
		d.L.canList = false
		reason := "This page needs a signed link: open it from the bot's message, or ask the bot for it again (show ID)."
		switch {
		case errors.Is(err, ErrTokenExpired):
			reason = "This link has expired. Ask the bot for a fresh one (show ID)."
		case errors.Is(err, ErrTokenInvalid):
			reason = "This link is not valid: it may have been cut short or altered. Ask the bot for a fresh one (show ID)."
		}
		d.Title, d.Body = "Forbidden", reason
		h.render(w, http.StatusForbidden, "error", d)
		return d, false
	}
	switch {
	case errors.Is(err, ErrTokenExpired):
		d.Notice = "This link has expired: the public page is shown, without the notes of its history."
	case errors.Is(err, ErrTokenInvalid):
		d.Notice = "This link is not valid: the public page is shown, without the notes of its history."
	}
	return d, true
}

func (h *Handler) serveList(w http.ResponseWriter, r *http.Request) {
	d, ok := h.access(w, r)
	if !ok {
		return
	}
	q, err := parseListQuery(r.URL.Query())
	if err != nil {
		h.fail(w, r, d, err)
		return
	}
	l, err := fillList(r.Context(), h.store, q, h.opts.PageSize)
	if err != nil {
		h.fail(w, r, d, err)
		return
	}
	d.Title, d.Body = "Claims", l
	h.render(w, http.StatusOK, "list", d)
}

func (h *Handler) serveClaim(w http.ResponseWriter, r *http.Request) {
	d, ok := h.access(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "claim")
	if err != nil {
		h.fail(w, r, d, err)
		return
	}
	p, err := fillClaim(r.Context(), h.store, id)
	if err != nil {
		h.fail(w, r, d, err)
		return
	}
	if !d.Private {
		for i := range p.History {
			p.History[i].Note = ""
		}
		if p.Resolution != nil {
			p.Resolution.Note = ""
		}
	}
	if cr := buildClaimReview(&p, h.pageURL(r), h.opts.ReviewAuthor, nil); cr != nil {
		p.ClaimReview = cr
	}
	d.Title, d.Body = fmt.Sprintf("Claim %d", p.ID), claimData{ClaimPage: p, NotesHidden: !d.Private && h.signer != nil}
	h.render(w, http.StatusOK, "claim", d)
}

// serveClaimReview answers /claims/ID/claimreview.json: the schema.org
// ClaimReview of a resolved claim as JSON-LD, 404 for a claim that is not
// resolved (or does not exist). Access is the claim page's.
func (h *Handler) serveClaimReview(w http.ResponseWriter, r *http.Request) {
	d, ok := h.access(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "claim")
	if err != nil {
		h.fail(w, r, d, err)
		return
	}
	p, err := fillClaim(r.Context(), h.store, id)
	if err != nil {
		h.fail(w, r, d, err)
		return
	}
	page := h.pageURL(r)
	page = strings.TrimSuffix(page, "/claimreview.json")
	cr := buildClaimReview(&p, page, h.opts.ReviewAuthor, nil)
	if cr == nil {
		h.fail(w, r, d, claims.Errorf(claims.ENOTFOUND, "Claim %d is %s: only a resolved claim has a ClaimReview.", id, p.Status))
		return
	}
	b, err := json.MarshalIndent(cr, "", "  ")
	if err != nil {
		h.fail(w, r, d, err)
		return
	}
	w.Header().Set("Content-Type", "application/ld+json")
	w.WriteHeader(http.StatusOK)
	w.Write(append(b, '\n'))
}

// claimData is the claim page's Body.
type claimData struct {
	ClaimPage
	NotesHidden bool // notes exist only behind signed links
}

func (h *Handler) serveArticle(w http.ResponseWriter, r *http.Request) {
	d, ok := h.access(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "article")
	if err != nil {
		h.fail(w, r, d, err)
		return
	}
	focus := -1
	if v := r.URL.Query().Get("a"); v != "" {
		if focus, err = strconv.Atoi(v); err != nil || focus < 0 {
			h.fail(w, r, d, claims.Errorf(claims.EINVALID, "a=%q is not an attribution number", v))
			return
		}
	}
	p, err := fillArticle(r.Context(), h.store, id, focus)
	if err != nil {
		h.fail(w, r, d, err)
		return
	}
	d.Title, d.Body = p.Article.Title, p
	h.render(w, http.StatusOK, "article", d)
}

func (h *Handler) serveCSS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(h.css)
}

// pageURL is the absolute URL of r's page, without its token: under
// PublicURL when set, else at the host r was sent to.
func (h *Handler) pageURL(r *http.Request) string {
	base := strings.TrimRight(h.opts.PublicURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return base + r.URL.Path
}

// pathID reads the {id} of r: a positive number. Errors: ENOTFOUND (a
// page that cannot exist).
func pathID(r *http.Request, what string) (int64, error) {
	v := r.PathValue("id")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, claims.Errorf(claims.ENOTFOUND, "There is no %s %q: %s numbers are positive whole numbers.", what, v, what)
	}
	return id, nil
}

// maxQueryText caps the text filter, in bytes.
const maxQueryText = 200

// parseListQuery reads the filter of /claims. Errors: EINVALID.
func parseListQuery(v url.Values) (ListQuery, error) {
	q := ListQuery{Status: v.Get("status"), Tracked: v.Get("tracked"), Text: strings.TrimSpace(v.Get("q")), Page: 1}
	if q.Status != "" && !claims.ValidStatus(q.Status) {
		return q, claims.Errorf(claims.EINVALID, "Unknown status %q: use open, confirmed, refuted, unresolved or reported.", q.Status)
	}
	if q.Tracked != "" && q.Tracked != "yes" && q.Tracked != "no" {
		return q, claims.Errorf(claims.EINVALID, "tracked=%q: use yes or no.", q.Tracked)
	}
	if len(q.Text) > maxQueryText {
		return q, claims.Errorf(claims.EINVALID, "The search text is too long (at most %d characters).", maxQueryText)
	}
	if a := v.Get("article"); a != "" {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			return q, claims.Errorf(claims.EINVALID, "article=%q is not an article number.", a)
		}
		q.ArticleID = id
	}
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 1_000_000 {
			return q, claims.Errorf(claims.EINVALID, "page=%q is not a page number.", p)
		}
		q.Page = n
	}
	return q, nil
}

// fail answers err as an error page: 404 for ENOTFOUND, 400 for
// EINVALID, 503 for EUNAVAILABLE, else 500 (logged; the user sees a
// generic message).
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, d pageData, err error) {
	code := http.StatusInternalServerError
	switch claims.ErrorCode(err) {
	case claims.ENOTFOUND:
		code = http.StatusNotFound
	case claims.EINVALID:
		code = http.StatusBadRequest
	case claims.EUNAVAILABLE:
		code = http.StatusServiceUnavailable
	}
	if code >= 500 {
		h.opts.Logger.Error("pages: request failed", "path", r.URL.Path, "err", err)
	}
	d.Title, d.Body = http.StatusText(code), claims.ErrorMessage(err)
	if code == http.StatusServiceUnavailable {
		d.Body = bot.UnavailableText // no host, port or driver message (those are in the log)
	}
	h.render(w, code, "error", d)
}

// render executes page into a buffer, then sends it with code, so that a
// template error is a clean 500 rather than half a page.
func (h *Handler) render(w http.ResponseWriter, code int, page string, d pageData) {
	var buf bytes.Buffer
	if err := h.pages[page].ExecuteTemplate(&buf, "layout", d); err != nil {
		h.opts.Logger.Error("pages: template failed", "page", page, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	// No script runs on these pages: the policy makes escaping the only
	// defence that is not needed, rather than the only one there is.
	hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	hd.Set("X-Content-Type-Options", "nosniff")
	// Tokens are in URLs: no page tells another site where it came from.
	hd.Set("Referrer-Policy", "no-referrer")
	if d.Private {
		hd.Set("Cache-Control", "private, no-store")
	} else {
		hd.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// linker writes the links of a page: signed with the page's own expiry
// when the page was opened with a valid token, plain otherwise.
type linker struct {
	signer  *Signer
	exp     time.Time
	canList bool // the claim list may be linked (open access, or a signed link to it)
}

func (l linker) sign(path, query, frag string) string {
	v, _ := url.ParseQuery(query)
	if l.signer != nil {
		v.Set(TokenParam, l.signer.Sign(path, l.exp))
	}
	u := path
	if e := v.Encode(); e != "" {
		u += "?" + e
	}
	if frag != "" {
		u += "#" + frag
	}
	return u
}

// Claim is the link to claim id's page.
func (l linker) Claim(id int64) string { return l.sign("/claims/"+strconv.FormatInt(id, 10), "", "") }

// Article is the link to article id's page, opened at attribution attr
// (-1 for none) and scrolled to its block (0 for the top).
func (l linker) Article(id int64, attr, block int) string {
	p := "/articles/" + strconv.FormatInt(id, 10)
	var q, frag string
	if attr >= 0 {
		q = "a=" + strconv.Itoa(attr)
	}
	if block > 0 {
		frag = "p" + strconv.Itoa(block)
	}
	return l.sign(p, q, frag)
}

// Para is the link to block n of article id.
func (l linker) Para(id int64, n int) string {
	return l.sign("/articles/"+strconv.FormatInt(id, 10), "", "p"+strconv.Itoa(n))
}

// CanList reports whether the claim list may be linked from this page.
func (l linker) CanList() bool { return l.canList }

// List is the link to the claim list filtered by q at page.
func (l linker) List(q ListQuery, page int) string {
	v := url.Values{}
	if q.Status != "" {
		v.Set("status", q.Status)
	}
	if q.Tracked != "" {
		v.Set("tracked", q.Tracked)
	}
	if q.Text != "" {
		v.Set("q", q.Text)
	}
	if q.ArticleID != 0 {
		v.Set("article", strconv.FormatInt(q.ArticleID, 10))
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return l.sign("/claims", v.Encode(), "")
}

// All is the link to the unfiltered claim list.
func (l linker) All() string { return l.List(ListQuery{}, 1) }

// ListByArticle is the link to the claims sourced from article id.
func (l linker) ListByArticle(id int64) string { return l.List(ListQuery{ArticleID: id}, 1) }

// Token is the token the list's filter form must carry ("" for none).
func (l linker) Token() string {
	if l.signer == nil {
		return ""
	}
	return l.signer.Sign("/claims", l.exp)
}
