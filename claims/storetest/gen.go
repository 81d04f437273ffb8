package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/claimbot/claimbot/claims"
)

// GenVersion changes whenever Generate's output changes, so that cached
// generated stores (benchmarks keep one under os.TempDir) are rebuilt.
const GenVersion = 2

// The generator's word model: synthetic names, bodies, topics and
// phrasing written for claimbot, not taken from any article. Earlier
// entries are drawn more often (a rough Zipf law), as in real news.
var (
	genFirst = strings.Fields(`Ana Omar Lena Tomas Priya Jonas Mara Kofi Sven Aisha Diego Hana Ivan Leila Marco Nadia
		Pavel Rosa Samir Tariq Uma Viktor Yara Zane Ilse Rafael Mei Hugo Noor Erik Farah Bruno Chloe Dmitri Elif`)
	genLast = strings.Fields(`Ruiz Haddad Okafor Berg Nair Weber Lind Mensah Dahl Karim Alvarez Sato Petrov Amini Rossi
		Farouk Novak Costa Mahmoud Khalil Brandt Moreau Lopez Ito Kowalski Osei Varga Silva Chen Jansen Aziz Holm`)
	genRoles = []string{"the interior minister", "a senior diplomat", "the mayor", "a police spokesman",
		"the finance minister", "a union leader", "an opposition lawmaker", "the army chief", "a defense analyst",
		"a researcher on armed groups", "the central bank governor", "a regional governor", "the health minister",
		"a former ambassador", "a human rights lawyer", "the prosecutor general", "a senior aide", "an economist"}
	genOrgs = []string{"the Northern Alliance Front", "the Coastal Workers Union", "the Ministry of Defense",
		"the National Electoral Commission", "the Harbor Authority", "the United Farmers League",
		"the Free Press Council", "the Eastern Liberation Army", "the Supreme Court", "the Energy Regulator",
		"the Mountain Tribes Council", "the Central Bank", "the Red Delta Movement", "the Teachers Federation"}
	genAnon = []string{"a senior security official", "two officials familiar with the matter", "a commander aware of the talks",
		"a diplomat briefed on the negotiations", "a person close to the minister", "an aide to the governor"}
	genReasons = []string{"because he was not authorized to speak publicly", "to discuss confidential talks",
		"because the matter was sensitive", "for fear of reprisals", "because she was not allowed to brief reporters"}
	genPlaces = strings.Fields(`Valmora Kestrel Orran Tessaly Brevik Marunda Sollen Akaba Dravos Ilmar Pelago Qiran
		Rhodan Sarnia Tolvek Umber Varna Wexley Yarrow Zenith`)
	genTopics = []string{"the ceasefire", "the budget", "the election", "the strike", "fuel prices", "the border dispute",
		"the peace talks", "the drought", "the new constitution", "the prisoner exchange", "the mining license",
		"the currency", "the pension reform", "the refugee camps", "the port expansion", "the vaccine rollout",
		"the corruption inquiry", "the trade agreement", "the curfew", "the water shortage"}
	genVerbs = []string{"would hold talks on", "had rejected any deal on", "was preparing a plan for", "had demanded changes to",
		"was close to an agreement on", "had no role in", "would investigate", "had delayed", "would support",
		"had been negotiating over", "was opposed to", "had offered to mediate on", "would not comment on", "had warned about"}
	genCues = []string{"said", "said", "said", "told reporters", "said in a statement", "wrote", "added", "argued",
		"insisted", "claimed", "warned", "suggested", "confirmed", "denied", "declined to comment"}
	genHedges = []string{"It was unclear whether", "Details remained murky on whether", "It was not known if",
		"Officials could not confirm whether"}
	genFiller = []string{"The dispute has dragged on for months.", "Markets fell sharply on the news.",
		"Protests spread to several cities over the weekend.", "The announcement came after days of speculation.",
		"Similar efforts collapsed two years ago.", "Residents have grown weary of the standoff."}
)

// A larger word model for the contents: nouns, adjectives and verbs of
// general news vocabulary, and syllables for made-up names of people and
// places, so that rare words are many and common words common.
var (
	genNouns = strings.Fields(`talks deal budget election strike prices border treaty ceasefire vote reform
		inquiry report law court army police union company bank market tax fuel water power school hospital
		vaccine drought flood harvest export import debt loan contract license mine port road bridge railway
		airport pipeline dam factory plant farm wage pension subsidy tariff quota sanction embargo aid grant
		fund investment deficit inflation currency rate bond share profit loss merger strike protest rally
		march riot curfew blockade siege raid attack bombing ambush hostage prisoner detainee refugee migrant
		camp shelter convoy checkpoint patrol militia faction coalition party cabinet parliament senate
		council committee commission agency ministry regulator watchdog tribunal verdict appeal sentence
		ruling charge indictment trial testimony witness evidence leak memo audit probe scandal bribe fraud
		smuggling trafficking poaching logging fishing mining drilling emissions climate heatwave storm
		wildfire earthquake outbreak epidemic clinic doctors nurses teachers students farmers miners workers`)
	genAdjs = strings.Fields(`new proposed disputed controversial secret stalled delayed revised emergency
		interim regional national foreign domestic local federal provincial rural urban coastal northern
		southern eastern western senior former acting rival armed banned illegal unpaid overdue record
		sharp modest sweeping limited temporary permanent fragile tentative preliminary final`)
	genVerbsX = strings.Fields(`blocked approved rejected delayed signed drafted leaked challenged
		suspended revived expanded cut raised lowered froze extended ended launched halted resumed
		opposed backed funded investigated criticized defended welcomed condemned announced postponed`)
	genSyll = strings.Fields(`ka lo mi ra ten vo sa ri da ne bel tor an us ki mar lin pe go zu fa ha el or
		ba ti ven co ru sel dor ma ni ka te ro qu ash ul im ber gan`)
)

// genName makes up a capitalised name of two or three syllables.
func genName(r *rand.Rand) string {
	n := 2 + r.IntN(2)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(genSyll[r.IntN(len(genSyll))])
	}
	return capital(b.String())
}

// genContent makes one reported statement.
func genContent(r *rand.Rand, subject, place string) string {
	obj := pick(r, genNouns)
	if r.IntN(2) == 0 {
		obj = pick(r, genAdjs) + " " + obj
	}
	c := fmt.Sprintf("%s %s the %s", subject, pick(r, genVerbsX), obj)
	switch r.IntN(4) {
	case 0:
		c += " in " + place
	case 1:
		c += " over the " + pick(r, genNouns) + " in " + genName(r)
	case 2:
		c += fmt.Sprintf(" after %s %s the %s", pick(r, genOrgs), pick(r, genVerbsX), pick(r, genNouns))
	}
	return c
}

func pick[T any](r *rand.Rand, xs []T) T {
	f := r.Float64()
	return xs[int(f*f*float64(len(xs)))]
}

// Generate returns n synthetic articles that together hold about attrs
// attributions (ten per article): named, anonymous (with reasons) and
// organization sources, denials and no-comments, aliases, and hedges
// that leave about a third of the claims open. The same seed gives the
// same articles.
func Generate(seed uint64, attrs int) []Spec {
	r := rand.New(rand.NewPCG(seed, GenVersion))
	const perArticle = 10
	n := (attrs + perArticle - 1) / perArticle
	out := make([]Spec, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, genArticle(r, i, min(perArticle, attrs-i*perArticle)))
	}
	return out
}

func genArticle(r *rand.Rand, i, attrs int) Spec {
	place, topic := pick(r, genPlaces), pick(r, genTopics)
	if r.IntN(2) == 0 {
		place = genName(r)
	}
	org := pick(r, genOrgs)
	short := initials(org)
	sp := Spec{
		Title:   fmt.Sprintf("%s Faces Pressure Over %s in %s (%d)", capital(org), capital(strings.TrimPrefix(topic, "the ")), place, i),
		Bylines: []string{pick(r, genFirst) + " " + pick(r, genLast)},
		URL:     fmt.Sprintf("https://news.example/%d", i),
		Aliases: [][]string{{strings.TrimPrefix(org, "the "), short}},
	}
	type src struct {
		id, mention string
		kind        string
	}
	var srcs []src
	for k := 0; k < 4; k++ {
		id := fmt.Sprintf("s%d", k+1)
		switch k {
		case 0, 1:
			name := pick(r, genFirst) + " " + pick(r, genLast)
			if r.IntN(2) == 0 {
				name = genName(r) + " " + genName(r)
			}
			sp.Sources = append(sp.Sources, claims.Source{ID: id, Name: name, Kind: claims.KindNamed, Role: pick(r, genRoles), Mentions: []string{name}})
			srcs = append(srcs, src{id, name, claims.KindNamed})
		case 2:
			who := pick(r, genAnon)
			sp.Sources = append(sp.Sources, claims.Source{ID: id, Name: who, Kind: claims.KindAnonymous, AnonymityReason: pick(r, genReasons)})
			srcs = append(srcs, src{id, who, claims.KindAnonymous})
		case 3:
			sp.Sources = append(sp.Sources, claims.Source{ID: id, Name: strings.TrimPrefix(org, "the "), Kind: claims.KindOrganization, Mentions: []string{org, short}})
			srcs = append(srcs, src{id, short, claims.KindOrganization})
		}
	}
	sp.Dek = fmt.Sprintf("%s said %s %s %s.", srcs[0].mention, org, pick(r, genVerbs), topic)
	for a := 0; a < attrs; a++ {
		s := srcs[r.IntN(len(srcs))]
		cue := pick(r, genCues)
		subject := pick(r, append([]string{org, "the government", "the opposition", "negotiators"}, genOrgs...))
		content := genContent(r, subject, place)
		if r.IntN(3) == 0 {
			content = fmt.Sprintf("%s %s %s in %s", subject, pick(r, genVerbs), pick(r, genTopics), place)
		}
		p := Para{}
		at := Attr{Source: s.id, Mention: s.mention, Cue: cue, Content: content}
		switch cue {
		case "denied":
			at.Stance = claims.StanceDenies
		case "declined to comment":
			at.Stance, at.Form, at.Content, at.Mention = claims.StanceNoComment, claims.FormNone, "", capital(s.mention)
			p.Text = fmt.Sprintf("%s %s on %s.", at.Mention, cue, topic)
		}
		if p.Text == "" {
			if r.IntN(3) == 0 {
				at.Form, at.Content = claims.FormDirect, capital(content)
				p.Text = fmt.Sprintf("\"%s,\" %s %s.", at.Content, s.mention, cue)
			} else {
				at.Mention = capital(s.mention)
				p.Text = fmt.Sprintf("%s %s that %s.", at.Mention, cue, content)
			}
		}
		if r.IntN(3) == 0 {
			p.Text += " " + pick(r, genFiller)
		}
		p.Attrs = []Attr{at}
		sp.Paras = append(sp.Paras, p)
	}
	if r.IntN(3) == 0 {
		h := fmt.Sprintf("%s %s would hold.", pick(r, genHedges), topic)
		sp.Paras = append(sp.Paras, Para{Text: h, Unresolved: []string{h}})
	}
	return sp
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// initials turns "the Coastal Workers Union" into "C.W.U.".
func initials(org string) string {
	var b strings.Builder
	for _, w := range strings.Fields(strings.TrimPrefix(org, "the ")) {
		if w == "of" {
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + ".")
	}
	return b.String()
}
