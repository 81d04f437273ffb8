package claims

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"github.com/claimbot/claimbot/claims/textkit"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Passage is one searchable row of an article: an attribution (Index >= 0)
// or a title, dek or body block (Index -1). Stores index Source, Cue,
// Content and Context for full-text search; they are built by
// Document.Passages so that every backend searches the same text.
type Passage struct {
	Index   int    // index into Doc.Attributions, or -1 for a block
	Block   int    // block number
	Source  string // the source's name, role and mentions
	Cue     string
	Content string
	Context string // the text of the block around the attribution
}

// searchable block kinds: the article's own reporting.
var searchable = map[string]bool{BlockTitle: true, BlockDek: true, BlockBody: true}

// Passages returns the searchable rows of the document over text: one per
// attribution (with its paragraph as context), then one per title and dek
// block and per body block that holds no attribution (a paragraph with
// attributions is searched through them, so that its words lead to the
// claims its attributions state, not to one claim for the whole
// paragraph). It is a pure function, safe for concurrent use.
func (d *Document) Passages(text string) []Passage {
	out := make([]Passage, 0, len(d.Attributions)+len(d.Blocks))
	for i, a := range d.Attributions {
		p := Passage{Index: i, Block: a.Block, Cue: a.Cue, Content: a.Content}
		if s := d.SourceByID(a.Source); s != nil {
			parts := append([]string{s.Name, s.Role}, s.Mentions...)
			p.Source = strings.Join(nonEmpty(parts), " | ")
		} else if a.SourceSpan != nil {
			p.Source = a.SourceSpan.Of(text)
		}
		if b := d.BlockByN(a.Block); b != nil {
			p.Context = b.Span.Of(text)
		}
		out = append(out, p)
	}
	attributed := map[int]bool{}
	for _, a := range d.Attributions {
		attributed[a.Block] = true
	}
	for _, b := range d.Blocks {
		if !searchable[b.Kind] || b.Kind == BlockBody && attributed[b.N] {
			continue
		}
		if t := strings.TrimSpace(b.Span.Of(text)); t != "" {
			out = append(out, Passage{Index: -1, Block: b.N, Content: t})
		}
	}
	return out
}

func nonEmpty(ss []string) []string {
	out := ss[:0:0]
	seen := map[string]bool{}
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// maxClaimText caps Claim.Text in bytes.
const maxClaimText = 400

// ClaimText returns the claim of the document in one sentence: the first
// sentence of the dek, else of the first body block (the lede), else the
// title, without a leading dateline (StripDateline: "PORTSMOUTH — The
// bridge …" gives "The bridge …"). It returns "" when the document has
// none of them. Safe for concurrent use.
func (d *Document) ClaimText(text string) string {
	var cands []string
	cands = append(cands, d.Article.Dek)
	for _, k := range []string{BlockDek, BlockBody} {
		for _, b := range d.Blocks {
			if b.Kind == k {
				cands = append(cands, b.Span.Of(text))
				break
			}
		}
	}
	cands = append(cands, d.Article.Title)
	for _, b := range d.Blocks {
		if b.Kind == BlockTitle {
			cands = append(cands, b.Span.Of(text))
		}
	}
	for _, c := range cands {
		if s := FirstSentence(StripDateline(c)); s != "" {
			return s
		}
	}
	return ""
}

// FirstSentence returns the first sentence of s with its spaces collapsed,
// cut at a word boundary to a few hundred bytes. Periods after common
// abbreviations ("Mr.", "Oct.") and initials ("T.T.P.") do not end a
// sentence. Safe for concurrent use.
func FirstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		for j < len(s) && strings.ContainsRune("\"')”’", rune(s[j])) {
			j++
		}
		if j < len(s) && s[j] == 0xe2 { // closing curly quote
			if r, n := utf8.DecodeRuneInString(s[j:]); r == '”' || r == '’' {
				j += n
			}
		}
		if j >= len(s) {
			break
		}
		if s[j] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[j+1:])
		if !unicode.IsUpper(next) && !strings.ContainsRune("\"“‘'", next) {
			continue
		}
		if c == '.' && isAbbrev(s[:i]) {
			continue
		}
		s = s[:j]
		break
	}
	return clip(s, maxClaimText)
}

// Sentences splits s into sentences by the rules of FirstSentence (a
// period, question or exclamation mark, closing quotes, white space and a
// capital or an opening quote; not after an abbreviation or initials),
// and returns their spans in s, trimmed of white space. Safe for
// concurrent use.
func Sentences(s string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		a, b := start, end
		for a < b && isSpaceByte(s[a]) {
			a++
		}
		for b > a && isSpaceByte(s[b-1]) {
			b--
		}
		if a < b {
			out = append(out, Span{a, b})
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		for j < len(s) {
			if strings.ContainsRune("\"')", rune(s[j])) {
				j++
				continue
			}
			if r, n := utf8.DecodeRuneInString(s[j:]); r == '”' || r == '’' {
				j += n
				continue
			}
			break
		}
		if j >= len(s) {
			break
		}
		if !isSpaceByte(s[j]) {
			continue
		}
		k := j
		for k < len(s) && isSpaceByte(s[k]) {
			k++
		}
		next, _ := utf8.DecodeRuneInString(s[k:])
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune("\"“‘'", next) {
			continue
		}
		if c == '.' && isAbbrev(s[:i]) {
			continue
		}
		emit(j)
		start = j
		i = j - 1
	}
	emit(len(s))
	return out
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func isAbbrev(before string) bool {
	w := before
	if k := strings.LastIndexAny(before, " (\"“"); k >= 0 {
		w = before[k+1:]
	}
	if strings.Contains(w, ".") { // T.T.P, U.S
		return true
	}
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsUpper(r) { // initial
		return true
	}
	return textkit.IsAbbreviation(w)
}

// clip cuts s to at most n bytes at a word boundary, adding "…".
func clip(s string, n int) string { return textkit.Clip(s, n) }

// CheckIngest validates the input of Store.Ingest. It returns EINVALID
// for a nil document, empty text, or text that is not valid UTF-8 or
// holds NUL bytes.
func CheckIngest(text string, doc *Document) error {
	switch {
	case doc == nil:
		return Errorf(EINVALID, "ingest: no extracted document")
	case strings.TrimSpace(text) == "":
		return Errorf(EINVALID, "ingest: the article is empty")
	case !utf8.ValidString(text):
		return Errorf(EINVALID, "ingest: the article is not valid UTF-8")
	case strings.IndexByte(text, 0) >= 0:
		return Errorf(EINVALID, "ingest: the article contains NUL bytes (binary data?)")
	}
	return nil
}

// InitialClaim returns the claim Store.Ingest creates for doc over text at
// time at: open and tracked when the document has unresolved signals,
// else reported. Safe for concurrent use.
func InitialClaim(text string, doc *Document, at time.Time) Claim {
	c := Claim{Text: doc.ClaimText(text), Status: StatusReported, CreatedAt: at, UpdatedAt: at}
	if c.Text == "" {
		c.Text = "(untitled article)"
	}
	if len(doc.Unresolved) > 0 {
		c.Status, c.Tracked = StatusOpen, true
		c.Signals = append([]Unresolved(nil), doc.Unresolved...)
	}
	return c
}

// ValidStatus reports whether s is one of the Status* constants.
func ValidStatus(s string) bool {
	switch s {
	case StatusOpen, StatusConfirmed, StatusRefuted, StatusUnresolved, StatusReported:
		return true
	}
	return false
}

// NormAlias normalises a name for alias lookup: lower case, dots removed,
// every other run of non-letters and non-digits one space. So "T.T.P.",
// "TTP" and "ttp" are all "ttp", and "Tehrik-i-Taliban Pakistan" is
// "tehrik i taliban pakistan". Safe for concurrent use.
func NormAlias(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '.':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// IngestInput is what both stores derive from Store.Ingest's arguments
// before they touch the database.
type IngestInput struct {
	At      time.Time // UTC; now when the caller passed the zero time
	Hash    string    // hex SHA-256 of the text
	DocJSON []byte    // the document as stored
	Bylines string    // the bylines joined with "; ", for version matching
}

// PrepareIngest validates Ingest's input (see CheckIngest) and derives
// what the stores keep. Errors are EINVALID.
func PrepareIngest(text string, doc *Document, at time.Time) (IngestInput, error) {
	if err := CheckIngest(text, doc); err != nil {
		return IngestInput{}, err
	}
	if at.IsZero() {
		at = time.Now()
	}
	js, err := json.Marshal(doc)
	if err != nil {
		return IngestInput{}, Errorf(EINVALID, "ingest: cannot encode the document: %v", err)
	}
	return IngestInput{At: at.UTC(), Hash: TextHash(text), DocJSON: js,
		Bylines: strings.Join(doc.Article.Bylines, "; ")}, nil
}

// TextHash is what stores know a text by (Article.Hash): its hex SHA-256.
// Safe for concurrent use.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}
