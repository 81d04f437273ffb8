package tagger

import "strings"

// Lexicon classes: hand-written English word lists (not drawn from any
// corpus) that give the model a prior for cue and source words.
const (
	lexSpeech    uint8 = iota + 1 // say, tell, announce ...
	lexCognition                  // believe, find, show ...
	lexCueNoun                    // according, statement, interview ...
	lexSourceN                    // spokesman, official, source ...
	lexPronoun                    // he, she, they ...
)

var lexicon = buildLexicon()

func buildLexicon() map[string]uint8 {
	m := map[string]uint8{}
	verbs := func(class uint8, list string) {
		for _, v := range strings.Fields(list) {
			for _, f := range inflect(v) {
				if _, ok := m[f]; !ok {
					m[f] = class
				}
			}
		}
	}
	verbs(lexSpeech, `say tell state add note argue claim explain insist warn write tweet post report
		announce suggest acknowledge admit assert confirm deny declare ask urge call criticize accuse praise
		reveal estimate predict promise vow pledge contend maintain recall stress emphasize concede complain
		charge allege testify respond reply counter caution joke quip muse wonder lament hint imply conclude
		agree disagree blame dismiss defend reject describe mention comment point remark repeat reiterate
		boast brag announce disclose inform advise answer question challenge dispute demand propose recommend
		predict forecast speculate tout hail slam blast attack condemn denounce decry fault mock ridicule
		label dub brand characterize portray frame highlight underscore cite quote shout yell cry whisper
		exclaim proclaim concur object protest acknowledge assure reassure threaten grumble signal express
		voice publish release`)
	verbs(lexCognition, `believe think find show indicate feel know learn expect hope want fear worry
		suspect assume consider doubt understand realize recognize see view regard determine discover
		conclude estimate calculate project seem appear demonstrate prove suggest reckon guess figure
		imagine insist intend plan`)
	for _, w := range strings.Fields(`according statement statements interview interviews remarks comments
		speech debate rally letter email emails memo tweet tweets post report reports poll polls survey surveys
		study studies analysis testimony announcement release briefing conference filing lawsuit complaint
		claim claims assertion allegation allegations argument view views opinion belief warning message
		op-ed editorial column essay book documents document data figures estimates records transcript video
		ad ads campaign`) {
		if _, ok := m[w]; !ok {
			m[w] = lexCueNoun
		}
	}
	for _, w := range strings.Fields(`spokesman spokeswoman spokesperson spokespeople official officials
		source sources aide aides adviser advisers advisor advisors analyst analysts expert experts critic
		critics supporter supporters voter voters observer observers strategist strategists insider insiders
		person people senator senators lawmaker lawmakers representative candidate nominee president
		campaign committee department agency ministry government administration officer officers
		spokesmen spokeswomen director secretary chairman chairwoman leader leaders member members
		democrats republicans pollster pollsters economist economists researchers researcher scientists
		investigators prosecutors lawyer lawyers attorney attorneys`) {
		if _, ok := m[w]; !ok {
			m[w] = lexSourceN
		}
	}
	for _, w := range strings.Fields(`he she they i we it you him her them his their its who`) {
		m[w] = lexPronoun
	}
	return m
}

// inflect returns a verb's regular forms (base, -s, -ed, -ing) plus the
// irregular past forms claimbot's cues need.
func inflect(v string) []string {
	irregular := map[string][]string{
		"say": {"said"}, "tell": {"told"}, "write": {"wrote", "written"}, "find": {"found"}, "show": {"shown"},
		"feel": {"felt"}, "know": {"knew", "known"}, "think": {"thought"}, "learn": {"learnt"},
		"understand": {"understood"}, "see": {"saw", "seen"}, "cry": {"cried", "cries"}, "deny": {"denied", "denies"},
		"reply": {"replied", "replies"}, "imply": {"implied", "implies"}, "testify": {"testified", "testifies"},
		"prove": {"proven"}, "dub": {"dubbed", "dubbing"}, "quip": {"quipped", "quipping"}, "slam": {"slammed", "slamming"},
		"signal": {"signaled", "signalled"}, "label": {"labeled", "labelled"}, "forecast": {"forecast"},
	}
	out := []string{v}
	out = append(out, irregular[v]...)
	switch {
	case strings.HasSuffix(v, "e"):
		out = append(out, v+"s", v+"d", v[:len(v)-1]+"ing")
	case strings.HasSuffix(v, "y") && !strings.HasSuffix(v, "ay") && !strings.HasSuffix(v, "ey"):
		out = append(out, v[:len(v)-1]+"ies", v[:len(v)-1]+"ied", v+"ing")
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x"):
		out = append(out, v+"es", v+"ed", v+"ing")
	default:
		out = append(out, v+"s", v+"ed", v+"ing")
	}
	return out
}

func lexClass(lower string) uint8 { return lexicon[lower] }
