package present

import (
	"strings"

	"github.com/claimbot/claimbot/claims/extract/tagger"
	"github.com/claimbot/claimbot/claims/textkit"
)

// FiniteCue is a cue as a line's verb: a participle that opens it
// ("claiming", "calling for", "saying") is put in the past tense
// ("claimed", "called for", "said"), so that "Source cue content" reads
// as a sentence ("The committee claimed that …"), not as the fragment
// the article's participial clause is without its main verb
// ("Republican National Committee claiming that …"). Other cues, and
// "according to", are returned as they are.
func FiniteCue(cue string) string {
	w, rest, _ := strings.Cut(cue, " ")
	lw := strings.ToLower(w)
	if len(lw) < 5 || !strings.HasSuffix(lw, "ing") || lw == "according" || w != lw {
		return cue
	}
	past := pastOf(lw)
	if past == "" {
		return cue
	}
	if rest != "" {
		return past + " " + rest
	}
	return past
}

// pastOf is the past tense of the verb whose -ing form is w, "" when w
// is no verb's ("thing" or "king" are none). "being" and "meeting" have
// none here: "being" would be "was" or "were" by its subject, and
// "meeting" opens a cue as a noun more often than as a verb.
func pastOf(w string) string {
	if p, ok := irregularPast[w]; ok {
		return p
	}
	stem := strings.TrimSuffix(w, "ing")
	if len(stem) < 2 || !strings.ContainsAny(stem, "aeiouy") {
		return "" // "bring" is irregular; "sing", "thing", "king" take no -ed
	}
	last := stem[len(stem)-1]
	switch {
	case strings.HasSuffix(stem, "ee"):
		return stem + "d" // agreeing -> agreed
	case last == 'y' && len(stem) > 2 && !strings.ContainsRune("aeiou", rune(stem[len(stem)-2])):
		return stem[:len(stem)-1] + "ied" // simplifying -> simplified
	case last == 'u':
		return stem + "ed" // arguing -> argued (stem "argu")
	default:
		// the e the -ing form dropped comes back with -ed ("noting" ->
		// "noted", "citing" -> "cited"), and a doubled consonant stays
		// ("admitting" -> "admitted")
		return stem + "ed"
	}
}

// irregularPast are the past tenses of irregular verbs by their -ing
// form (those news cues use, and common verbs a cue may open with).
var irregularPast = map[string]string{}

func init() {
	for _, p := range strings.Fields(`saying:said telling:told writing:wrote hitting:hit feeling:felt knowing:knew
		meaning:meant having:had going:went seeking:sought throwing:threw making:made taking:took giving:gave
		getting:got putting:put setting:set letting:let running:ran seeing:saw thinking:thought speaking:spoke
		bringing:brought leaving:left holding:held keeping:kept finding:found standing:stood doing:did
		coming:came becoming:became beginning:began buying:bought building:built choosing:chose drawing:drew
		driving:drove falling:fell fighting:fought forgetting:forgot hearing:heard hiding:hid leading:led
		losing:lost paying:paid reading:read rising:rose selling:sold sending:sent shutting:shut sitting:sat
		spending:spent striking:struck swearing:swore teaching:taught tearing:tore understanding:understood
		wearing:wore winning:won withdrawing:withdrew quitting:quit casting:cast cutting:cut forecasting:forecast
		betting:bet upsetting:upset bidding:bid broadcasting:broadcast spreading:spread forbidding:forbade
		foreseeing:foresaw overseeing:oversaw undertaking:undertook lending:lent sweeping:swept
		slamming:slammed singing:sang ringing:rang springing:sprang stinging:stung swinging:swung clinging:clung`) {
		k, v, _ := strings.Cut(p, ":")
		irregularPast[k] = v
	}
	irregularPast["being"], irregularPast["meeting"] = "", "" // see pastOf
}

// ReportingCue reports whether a cue reports something said or held: it
// has a verb ("said", "were coy about", "would not comment"), a noun of
// speech ("her acknowledgment", "criticism for"), "according to", or is
// a headline's colon or dash. A cue with none of them ("weeks of",
// "inclusion", "for"), as a tagger may propose, says nothing of what its
// source said, and a line built on it would misreport the source. The
// cue's words are tagged after "they" and after "it", so that a word
// that is a noun or a verb ("question", "notes") is read as the verb a
// cue would use.
func ReportingCue(cue string) bool {
	words := cueWords(cue)
	if len(words) == 0 {
		return true // a colon, a dash: the line says "said"
	}
	for _, w := range words {
		lw := strings.ToLower(w)
		if lw == "according" || textkit.SpeechNoun(lw) {
			return true
		}
	}
	for _, subject := range []string{"they", "it"} {
		tags := tagger.PartsOfSpeech(append([]string{subject}, words...))
		if tags == nil {
			return true // no model: nothing to tell by
		}
		for _, t := range tags[1:] {
			if strings.HasPrefix(t, "VB") || t == "MD" {
				return true
			}
		}
	}
	// Each word alone after "they", and a word in -s by its stem: the
	// tagger reads many a verb in a short phrase as a noun ("also
	// mentions", "he questions"), and a noun that is also a verb of
	// speech ("any mention of") reports as the verb does.
	for _, w := range words {
		lw := strings.ToLower(w)
		forms := []string{lw}
		if stem, ok := strings.CutSuffix(lw, "s"); ok && len(stem) >= 3 {
			forms = append(forms, stem)
		}
		for _, f := range forms {
			if t := tagger.PartsOfSpeech([]string{"they", f}); len(t) == 2 && strings.HasPrefix(t[1], "VB") {
				return true
			}
		}
	}
	return false
}

// cueWords are a cue's words as the tagger reads them: punctuation
// dropped, a negation's "n't" apart ("didn't" is "did", "n't").
func cueWords(cue string) []string {
	var out []string
	for _, w := range strings.Fields(cue) {
		w = strings.Trim(w, ".,:;!?\"“”‘’'()―—–-")
		if w == "" {
			continue
		}
		lw := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
		if stem, ok := strings.CutSuffix(lw, "n't"); ok && stem != "" {
			out = append(out, w[:len(stem)], "n't")
			continue
		}
		out = append(out, w)
	}
	return out
}
