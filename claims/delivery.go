package claims

import (
	"context"
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
}

// DeliveryLog is the part of the Store the reminder jobs use. All methods
// are safe for concurrent use by several processes on one database.
type DeliveryLog interface {
	// AcquireDelivery creates the delivery for key if it does not exist and
	// leases it to owner until now+lease. It returns the delivery and true
	// only when the caller now holds the lease of a pending delivery whose
	// NextAttempt has come; false when it is sent, stale, leased by another
	// live owner, or waiting for its retry time.
	AcquireDelivery(ctx context.Context, key DeliveryKey, owner string, now time.Time, lease time.Duration) (*Delivery, bool, error)
	// CompleteDelivery marks a leased delivery sent. It fails with
	// ECONFLICT when owner no longer holds the lease.
	CompleteDelivery(ctx context.Context, id int64, owner, messageID string, at time.Time) error
	// FailDelivery records a failed attempt, releases the lease and sets
	// the time of the next attempt.
	FailDelivery(ctx context.Context, id int64, owner, errText string, next time.Time) error
	// StaleDelivery gives up on a delivery whose tick is too old.
	StaleDelivery(ctx context.Context, id int64, owner, reason string) error
	// Deliveries lists deliveries in state ("" for all), oldest tick first.
	Deliveries(ctx context.Context, state string, limit int) ([]*Delivery, error)
	// LastDelivery returns the newest sent delivery of a claim to any
	// channel, or ENOTFOUND.
	LastDelivery(ctx context.Context, claimID int64) (*Delivery, error)
}
