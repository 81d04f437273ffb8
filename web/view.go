package web

import "time"

// The view model: what the templates render. The templates know nothing
// of the claim model; fill.go is the one place that turns the store's
// claims into these structs. A claim is rendered as a proposition with
// sourcing lines, each from one of one or more articles.

// ClaimList is the /claims page.
type ClaimList struct {
	Query ListQuery
	Items []ClaimItem
	Total int // claims matching the query, over all pages
	Page  int // 1-based
	Pages int
}

// ListQuery is the filter of /claims, as read from the URL.
type ListQuery struct {
	Status    string // a claims.Status*, or "" for any
	Tracked   string // "yes", "no" or "" for any
	Text      string // words the claim's sourcing must contain
	ArticleID int64  // 0 for any
	Page      int    // 1-based
}

// ClaimItem is one row of the claim list.
type ClaimItem struct {
	ID       int64
	Text     string
	Status   string
	Tracked  bool
	Activity time.Time // last change: ingest, update, resolve, snooze…
	Articles []ArticleLink
	Lines    int // sourcing lines
}

// ArticleLink names an article.
type ArticleLink struct {
	ID    int64
	Title string
}

// ClaimPage is the /claims/ID page.
type ClaimPage struct {
	ID        int64
	Text      string
	Status    string
	Tracked   bool
	Schedule  string    // "" for the default schedule
	Snoozed   time.Time // zero when not snoozed
	CheckedAt time.Time
	CreatedAt time.Time
	UpdatedAt time.Time

	Signals  []Signal // the words that leave it open
	Summary  []Count  // lines per group, in group order
	Groups   []Group
	Articles []ArticleInfo
	History  []Event
	// Resolution is the change that resolved it (nil when open or
	// reported, or when the history does not say).
	Resolution *Event
	// ClaimReview is the schema.org ClaimReview of a resolved claim,
	// rendered as JSON-LD (nil otherwise).
	ClaimReview any
}

// Count is one entry of a sourcing summary: "anonymous 3".
type Count struct {
	Group string
	N     int
}

// Signal is one hedge that leaves a claim open, in its paragraph.
type Signal struct {
	Words     string
	ArticleID int64
	Block     int
	Paragraph []Piece // the block, with the hedge marked
}

// Group is one sourcing group ("On the record", "Denials"…) with its
// lines, in the order the chat shows them.
type Group struct {
	Heading string
	Lines   []Line
}

// Line is one attribution of a claim's sourcing: who said (or declined
// to say) what, where, with the exact content and the paragraph around it.
type Line struct {
	Source    string // the source's name, or the article's words for it; "" when none is named
	Role      string
	Kind      string // claims.Kind*
	Anonymous bool
	Reason    string // the reason given for anonymity
	Cue       string
	Stance    string // claims.Stance*
	Channel   string
	When      string // YYYY-MM-DD or YYYY-MM as extracted
	Content   string // the exact words, content spans joined with " … "

	ArticleID int64
	Article   string // the article's title
	Block     int
	Attr      int     // index of the attribution in its article
	Paragraph []Piece // the block, with this attribution marked
}

// ArticleInfo is one article a claim is sourced from, with its versions.
type ArticleInfo struct {
	ID        int64
	Title     string
	Bylines   []string
	Published string // YYYY-MM-DD or ""
	Updated   string
	Dateline  string
	URL       string // http(s) only; "" otherwise
	Version   int
	Versions  []Version // newest first
}

// Version is one stored version of an article.
type Version struct {
	ID         int64
	Version    int
	IngestedAt time.Time
	Current    bool // the version shown
}

// Event is one entry of a claim's history. Note is empty unless the
// page was opened with a valid signed link.
type Event struct {
	At     time.Time
	Actor  string
	Action string
	Status string
	Detail string
	Note   string
}

// ArticlePage is the /articles/ID page.
type ArticlePage struct {
	Article ArticleInfo
	Blocks  []BlockView
	Claims  []ClaimRef // the claims sourced from this article
	Focus   int        // the attribution the page was opened at, -1 for none
}

// ClaimRef names a claim.
type ClaimRef struct {
	ID     int64
	Text   string
	Status string
}

// BlockView is one block of an article with its attributions marked and
// listed.
type BlockView struct {
	N      int
	Kind   string // claims.Block*
	Pieces []Piece
	Notes  []Note
}

// Note spells out one attribution of a block beside the marked text.
type Note struct {
	Attr    int
	Source  string
	Cue     string
	Content string
	Stance  string
	Focus   bool
}
