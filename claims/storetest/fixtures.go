package storetest

import "github.com/claimbot/claimbot/claims"

// Strike is a hand-written article about port strike talks, with named,
// anonymous and no-comment sourcing and an unresolved signal. It states
// two claims: the talks (its lead: the mayor on the record, the union's
// refusal to comment, and the hedge, so it is open and tracked) and the
// church group's mediation (the anonymous negotiator; reported).
func Strike() Spec {
	return Spec{
		Title:   "Port City Opens Talks With Dockworkers to End Strike",
		Dek:     "Mayor Ana Ruiz said the city was negotiating with the dockworkers' union. Details were unclear.",
		Bylines: []string{"Lena Okafor"},
		URL:     "https://news.example/port-strike",
		Aliases: [][]string{{"International Dockworkers Union", "I.D.U.", "dockworkers' union"}},
		Sources: []claims.Source{
			{ID: "s1", Name: "Ana Ruiz", Kind: claims.KindNamed, Role: "Mayor", Mentions: []string{"Mayor Ana Ruiz", "Ms. Ruiz"}},
			{ID: "s2", Name: "a negotiator close to the talks", Kind: claims.KindAnonymous, AnonymityReason: "because the talks were confidential"},
			{ID: "s3", Name: "International Dockworkers Union", Kind: claims.KindOrganization, Mentions: []string{"the I.D.U."}},
		},
		Paras: []Para{
			{
				Text: "PORT CITY — The city is in talks with the striking dockworkers, Mayor Ana Ruiz said on Monday, and would consider the I.D.U.'s demand for higher wages.",
				Attrs: []Attr{{Source: "s1", Mention: "Mayor Ana Ruiz", Cue: "said",
					Content: "The city is in talks with the striking dockworkers"}},
			},
			{
				Text: "A negotiator close to the talks, who spoke on condition of anonymity because the talks were confidential, said a church group was acting as an intermediary. It was unclear whether the talks with the dockworkers were near an agreement.",
				Attrs: []Attr{{Source: "s2", Mention: "A negotiator close to the talks", Cue: "said",
					Content: "a church group was acting as an intermediary"}},
				Unresolved: []string{"It was unclear whether the talks with the dockworkers were near an agreement"},
			},
			{
				Text: "The I.D.U. declined to comment on the negotiations.",
				Attrs: []Attr{{Source: "s3", Mention: "The I.D.U.", Cue: "declined to comment",
					Form: claims.FormNone, Stance: claims.StanceNoComment}},
			},
		},
	}
}

// Drought is a hand-written article about a drought; nothing in it is
// left open, so its claims (the farmers selling their cattle; the low
// rainfall) are "reported".
func Drought() Spec {
	return Spec{
		Title:   "Drought Forces Farmers to Sell Cattle Early",
		Bylines: []string{"Tomas Berg"},
		Sources: []claims.Source{
			{ID: "s1", Name: "Mara Lind", Kind: claims.KindNamed, Role: "agriculture minister", Mentions: []string{"Ms. Lind"}},
		},
		Paras: []Para{
			{
				Text: "Farmers across the valley are selling their cattle months early because the rivers have run dry, the agriculture minister, Mara Lind, said on Tuesday.",
				Attrs: []Attr{{Source: "s1", Mention: "Mara Lind", Cue: "said",
					Content: "Farmers across the valley are selling their cattle months early because the rivers have run dry"}},
			},
			{
				Text: "\"We have not seen rainfall this low in forty years,\" Ms. Lind said.",
				Attrs: []Attr{{Source: "s1", Mention: "Ms. Lind", Cue: "said", Form: claims.FormDirect,
					Content: "We have not seen rainfall this low in forty years"}},
			},
		},
	}
}

// Rates is a hand-written article about a central bank, with a denial:
// two claims (inflation; the ministry's denial that it pressed the bank).
func Rates() Spec {
	return Spec{
		Title:   "Central Bank Raises Interest Rates Again",
		Dek:     "The bank's governor said inflation was still too high.",
		Bylines: []string{"Priya Nair"},
		Sources: []claims.Source{
			{ID: "s1", Name: "Jonas Weber", Kind: claims.KindNamed, Role: "governor of the central bank", Mentions: []string{"Mr. Weber"}},
			{ID: "s2", Name: "Finance Ministry", Kind: claims.KindOrganization, Mentions: []string{"the finance ministry"}},
		},
		Paras: []Para{
			{
				Text:  "The central bank raised its benchmark interest rate by half a point on Wednesday, and its governor, Jonas Weber, said inflation was still too high.",
				Attrs: []Attr{{Source: "s1", Mention: "Jonas Weber", Cue: "said", Content: "inflation was still too high"}},
			},
			{
				Text: "In a statement, the finance ministry denied that it had pressed the bank to act.",
				Attrs: []Attr{{Source: "s2", Mention: "the finance ministry", Cue: "denied", Stance: claims.StanceDenies,
					Content: "it had pressed the bank to act"}},
			},
		},
	}
}

// Wire is another outlet's report of the strike talks: it states the
// Strike fixture's lead claim (the city is in talks with the striking
// dockworkers) through a named union spokesman, and one claim of its own
// (the union's wage demand).
func Wire() Spec {
	return Spec{
		Title:   "Dockworkers Say Talks With City Continue",
		Bylines: []string{"Wire Staff"},
		URL:     "https://wire.example/dockworkers-talks",
		Sources: []claims.Source{
			{ID: "s1", Name: "Karim Haddad", Kind: claims.KindNamed, Role: "a spokesman for the dockworkers", Mentions: []string{"Mr. Haddad"}},
		},
		Paras: []Para{
			{
				Text: "The city is still in talks with the striking dockworkers, their spokesman, Karim Haddad, said on Tuesday.",
				Attrs: []Attr{{Source: "s1", Mention: "Karim Haddad", Cue: "said",
					Content: "The city is still in talks with the striking dockworkers"}},
			},
			{
				Text: "Mr. Haddad said the workers wanted a raise of twelve percent before returning to the cranes.",
				Attrs: []Attr{{Source: "s1", Mention: "Mr. Haddad", Cue: "said",
					Content: "the workers wanted a raise of twelve percent before returning to the cranes"}},
			},
		},
	}
}
