package present

import "strings"

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
// is no verb's (a noun in -ing such as "meeting" is a cue's object, not
// its verb, and "thing" or "king" no verb at all).
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
		bringing:brought leaving:left holding:held keeping:kept finding:found standing:stood being:was doing:did
		coming:came becoming:became beginning:began buying:bought building:built choosing:chose drawing:drew
		driving:drove falling:fell fighting:fought forgetting:forgot hearing:heard hiding:hid leading:led
		losing:lost paying:paid reading:read rising:rose selling:sold sending:sent shutting:shut sitting:sat
		spending:spent striking:struck swearing:swore teaching:taught tearing:tore understanding:understood
		wearing:wore winning:won withdrawing:withdrew quitting:quit casting:cast cutting:cut forecasting:forecast
		betting:bet upsetting:upset bidding:bid broadcasting:broadcast spreading:spread forbidding:forbade
		foreseeing:foresaw overseeing:oversaw undertaking:undertook lending:lent sweeping:swept meeting:met
		slamming:slammed singing:sang ringing:rang springing:sprang stinging:stung swinging:swung clinging:clung`) {
		k, v, _ := strings.Cut(p, ":")
		irregularPast[k] = v
	}
}
