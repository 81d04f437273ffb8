package sqlite

import (
	"context"
	"database/sql"
	"hash/fnv"

	"github.com/claimbot/claimbot/claims"
	"github.com/claimbot/claimbot/claims/place"
)

// What a sourcing row says is stored once, in statements (migration
// 0009), and the row refers to it (said_id). sourcingCols read a row as
// place.ScanSourcing wants it, from sourcingFrom.
const (
	sourcingCols = `s.id, s.claim_id, s.article_id, s.idx, s.block, t.source_id, t.source, t.mention, t.mentions, t.kind, t.role,
	t.anonymity_reason, t.stance, t.form, t.cue, t.channel, t.said_on, t.content, s.spans, s.latest`
	sourcingFrom = `sourcing s JOIN statements t ON t.id = s.said_id`
	// statementCols are the columns of a statement, in statementOf's
	// order.
	statementCols = `source_id, source, mention, mentions, kind, role, anonymity_reason, stance, form, cue, channel, said_on, content`
)

// statementOf is what row says: the values of statementCols.
func statementOf(r claims.Sourcing) [13]string {
	return [13]string{r.SourceID, r.Source, r.Mention, place.MentionsJSON(r.Mentions), r.Kind, r.Role, r.AnonymityReason,
		r.Stance, r.Form, r.Cue, r.Channel, r.When, r.Content}
}

// statementHash is the hash column of a statement: FNV-1a (64 bits) of
// its values, each followed by a zero byte.
func statementHash(v [13]string) int64 {
	h := fnv.New64a()
	for _, s := range v {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return int64(h.Sum64())
}

// statements finds and stores statements in one transaction.
type statements struct {
	find, insert *sql.Stmt
}

func prepareStatements(ctx context.Context, tx *sql.Tx) (*statements, error) {
	find, err := tx.PrepareContext(ctx, `SELECT id, `+statementCols+` FROM statements WHERE hash = ?`)
	if err != nil {
		return nil, err
	}
	insert, err := tx.PrepareContext(ctx, `INSERT INTO statements (hash, `+statementCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		find.Close()
		return nil, err
	}
	return &statements{find, insert}, nil
}

func (st *statements) Close() {
	st.find.Close()
	st.insert.Close()
}

// id returns the id of the statement v, storing it when it is new.
func (st *statements) id(ctx context.Context, v [13]string) (int64, error) {
	h := statementHash(v)
	rows, err := st.find.QueryContext(ctx, h)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var id int64
		var got [13]string
		dest := []any{&id}
		for i := range got {
			dest = append(dest, &got[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return 0, err
		}
		if got == v {
			rows.Close()
			return id, nil
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	args := []any{h}
	for _, s := range v {
		args = append(args, s)
	}
	r, err := st.insert.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// hashStatements is part of migration 0009's Go step: the hash of every
// statement the SQL made.
func hashStatements(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, `+statementCols+` FROM statements WHERE hash = 0 ORDER BY id`)
	if err != nil {
		return err
	}
	type hashed struct{ id, hash int64 }
	var out []hashed
	for rows.Next() {
		var id int64
		var v [13]string
		dest := []any{&id}
		for i := range v {
			dest = append(dest, &v[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return err
		}
		out = append(out, hashed{id, statementHash(v)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, x := range out {
		if _, err := tx.ExecContext(ctx, `UPDATE statements SET hash = ? WHERE id = ?`, x.hash, x.id); err != nil {
			return err
		}
	}
	return nil
}
