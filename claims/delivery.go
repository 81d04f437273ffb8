package claims

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"
	"time"
)

// Delivery states.
const (
	DeliveryPending = "pending" // not yet posted; may be leased by a worker
	DeliverySent    = "sent"    // posted; never posted again
	DeliveryStale   = "stale"   // given up: its tick is too old to be worth posting
)

// DeliveryKey identifies one post: a reminder (or digest) tick to one
// channel. The store keeps it unique, so a tick is posted at most once
// whatever number of processes run.
type DeliveryKey struct {
	Kind    string    // "reminder" or "digest"
	ClaimID int64     // 0 for a digest
	Channel string    // "slack:C123", "discord:456"
	Tick    time.Time // the scheduled time, UTC, truncated to the second
}

// Token is the key's short, stable form, the same in every process: "cb"
// and 23 characters of base-32 SHA-256 of the key, 25 characters in all
// (Discord's limit for a message nonce). Posters mark a post with it so
// that the post can be found again after a crash.
func (k DeliveryKey) Token() string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s|%d|%s|%d", k.Kind, k.ClaimID, k.Channel, k.Tick.UTC().Truncate(time.Second).Unix())))
	return "cb" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(h[:]))[:23]
}

// Delivery is one row of the delivery log.
type Delivery struct {
	ID          int64
	Key         DeliveryKey
	State       string
	Attempts    int
	NextAttempt time.Time // when a failed post may be tried again
	LeaseOwner  string
	LeaseUntil  time.Time
	LastError   string
	MessageID   string // the platform's id of the posted message
	SentAt      time.Time
	CreatedAt   time.Time
	// Unsure is true when an earlier attempt may have reached the platform
	// without being recorded: it timed out, got a 5xx, or its owner's lease
	// ran out (the process died mid-post). Whoever handles the delivery
	// next looks for the post's key in the channel before posting it or
	// giving it up.
	Unsure bool
}

// DeliveryLog is the part of the Store the reminder jobs use. All methods
// are safe for concurrent use by several processes on one database.
type DeliveryLog interface {
	// AcquireDelivery creates the delivery for key if it does not exist and
	// leases it to owner until now+lease. It returns the delivery and true
	// only when the caller now holds the lease of a pending delivery whose
	// NextAttempt has come; false when it is sent, stale, leased by another
	// live owner, or waiting for its retry time. Taking over a lease that
	// was not released (its owner died, or lost it mid-post) sets Unsure.
	AcquireDelivery(ctx context.Context, key DeliveryKey, owner string, now time.Time, lease time.Duration) (*Delivery, bool, error)
	// CompleteDelivery marks a pending delivery sent, held by owner or by
	// nobody (a post found by its key after a failed attempt). It fails
	// with ECONFLICT when another owner holds the lease or it is no longer
	// pending.
	CompleteDelivery(ctx context.Context, id int64, owner, messageID string, at time.Time) error
	// FailDelivery records a failed attempt, releases the lease and sets
	// the time of the next attempt; unsure says whether the attempt may
	// have posted all the same (see Delivery.Unsure).
	FailDelivery(ctx context.Context, id int64, owner, errText string, next time.Time, unsure bool) error
	// StaleDelivery gives up on a delivery whose tick is too old.
	StaleDelivery(ctx context.Context, id int64, owner, reason string) error
	// Deliveries lists deliveries in state ("" for all), oldest tick first.
	Deliveries(ctx context.Context, state string, limit int) ([]*Delivery, error)
	// LastDelivery returns the newest sent delivery of a claim to any
	// channel, or ENOTFOUND.
	LastDelivery(ctx context.Context, claimID int64) (*Delivery, error)
	// PruneDeliveries deletes sent and stale deliveries whose tick is
	// before before, and returns how many.
	PruneDeliveries(ctx context.Context, before time.Time) (int64, error)
}
