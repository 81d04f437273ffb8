package slack

import (
	"bytes"
	"errors"
	"io"
	"net/http"

	"github.com/slack-go/slack"

	"github.com/claimbot/claimbot/bot"
)

// verified wraps next so that it runs only for a request whose body fits
// in MaxBody (else 413) and carries a valid v0 signature of SigningSecret
// with a timestamp within five minutes (else 401). next gets the body
// both as bytes and, re-readable, as r.Body.
//
// A request whose signature was seen before (a replay within the five
// minutes) is acknowledged with 200 and an empty body, and not acted on:
// Slack never sends one request twice (its event retries are new requests
// with the same event_id, deduplicated in event).
//
// The signature is Slack's: HMAC-SHA256 of "v0:{X-Slack-Request-Timestamp}:{body}"
// compared in constant time with X-Slack-Signature (slack.SecretsVerifier).
func (a *Adapter) verified(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// The deadlines count from the request's arrival, before its body.
		r = r.WithContext(bot.WithArrival(r.Context(), bot.Arrival(r.Context())))
		r.Body = http.MaxBytesReader(w, r.Body, a.cfg.MaxBody)
		body, err := io.ReadAll(r.Body)
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				a.log.Warn("request refused: body too large", "path", r.URL.Path, "limit", a.cfg.MaxBody, "remote", r.RemoteAddr)
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			a.log.Warn("request refused: cannot read body", "path", r.URL.Path, "err", err)
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		if err := a.verify(r.Header, body); err != nil {
			a.log.Warn("request refused: bad signature", "path", r.URL.Path, "reason", err.Error(), "remote", r.RemoteAddr)
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		first, err := a.seen.First(r.Context(), "slack:sig:"+r.Header.Get("X-Slack-Signature"), signatureTTL)
		switch {
		case err != nil && r.URL.Path == "/slack/commands":
			writeJSON(w, responseMsg(bot.Answer{Title: "Unavailable", Text: bot.UnavailableText, IsError: true, Ephemeral: true}))
			return
		case err != nil:
			http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
			return
		case !first:
			a.log.Warn("request ignored: a replay of a signed request already handled", "path", r.URL.Path, "remote", r.RemoteAddr)
			w.WriteHeader(http.StatusOK)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next(w, r, body)
	}
}

// verify checks body against the signature headers. It returns
// slack.ErrMissingHeaders, slack.ErrExpiredTimestamp,
// slack.ErrInvalidSignature or slack.ErrInvalidConfiguration (no secret).
func (a *Adapter) verify(h http.Header, body []byte) error {
	sv, err := slack.NewSecretsVerifier(h, a.cfg.SigningSecret)
	if err != nil {
		return err
	}
	if _, err := sv.Write(body); err != nil {
		return err
	}
	return sv.Ensure()
}
