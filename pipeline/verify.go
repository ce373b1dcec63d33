package pipeline

// Step sampling for verification (slashing for wrong results).
//
// Every party decides alone, with no message, whether a request is
// sampled: Verify.Pick hashes the pool's seed with the request id (random,
// chosen by the head, never seen outside the pipeline). A sampled request
// has one sampled position P, drawn from the same hash among the positions
// where a step ends for every stage alike: the prompt's last position or a
// decode position (prefill chunks end elsewhere on each prompt). Sampling
// whole requests rather than single steps keeps the witnesses' memory to
// sampled requests only: verifying P needs the stage's whole input 0..P.
//
// Witnesses are the accused stage's neighbours, never the stage itself (it
// knows when it is checked only if it knows the seed; see Limits):
//
//   - its input: what the stage before it sent (hidden states), or for the
//     first stage the token ids the head sent and received;
//   - its output: what the stage after it received (hidden states), or for
//     the last stage the token the head received after P (the verifier
//     samples it again from its own logits with the request's sampling
//     parameters: logits are seen by nobody downstream).
//
// Each witness hands a Witness to Verify.Report (non-blocking; a full
// queue drops it) and a reporter off the hot path pairs the halves and
// submits the step (poolctl.StepReporter).
//
// Limits: every stage holds the seed, because it witnesses its neighbours;
// a stage that reads its own configuration can tell which of its requests
// are checked and cheat on the others. The seed keeps the choice hidden
// from outside the pool only. Witnesses are trusted: a witness that records
// other bytes than were sent frames its neighbour (frames are not signed).

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"sync"
	"sync/atomic"

	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/sample"
)

// Verify configures step sampling on a stage or head; the zero value (or a
// Rate of 0) samples nothing.
type Verify struct {
	// Rate is the fraction of requests of which one step is verified, in
	// [0, 1]; every party of a pool must use the same Rate and Seed.
	Rate float64
	// Seed is the pool's sampling secret.
	Seed string
	// Report receives each witness record, from the hot path: it must not
	// block (queue or drop) and must not keep the record's slices beyond
	// its own use. false = dropped.
	Report func(Witness) bool
	// MaxRequests bounds the sampled requests a party records at once
	// (default 64); past it a sampled request is not recorded (Skipped).
	MaxRequests int
}

// Enabled says whether v samples anything.
func (v Verify) Enabled() bool { return v.Rate > 0 && v.Report != nil }

// Pick says whether request id is sampled and at which position, given its
// prompt length and max_tokens: P in [promptLen-1, promptLen+maxTokens-2],
// the positions whose step ends there on every stage. -1: not sampled.
func (v Verify) Pick(id uint64, promptLen, maxTokens int) int {
	if v.Rate <= 0 || promptLen <= 0 || maxTokens <= 0 {
		return -1
	}
	h := sha256.New()
	h.Write([]byte("computepool/verify/v1\x00"))
	h.Write([]byte(v.Seed))
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], id)
	h.Write(b[:])
	sum := h.Sum(nil)
	// The top 53 bits as a uniform float in [0, 1).
	u := float64(binary.BigEndian.Uint64(sum[:8])>>11) / (1 << 53)
	if u >= v.Rate {
		return -1
	}
	return promptLen - 1 + int(binary.BigEndian.Uint64(sum[8:16])%uint64(maxTokens))
}

// Witness is one neighbour's record of a sampled step (Accused, Request,
// Position).
type Witness struct {
	Request  uint64
	Position int
	Accused  axl.PeerID
	// Input: the record is the accused's input (Data: [Position+1] token
	// ids when Width is 0, else hidden states [Position+1, Width]);
	// otherwise its output (hidden states [Position+1, Width] as the next
	// stage received them, or with Width 0 the token after Position).
	Input bool
	Width int
	Data  []float32
	// Wire: how the output's hidden states travelled (bf16 rounds them).
	Wire DType
	// PromptLen: the request's prompt length (the verifier replays the
	// prompt's prefill, then one decode step per position, as served).
	PromptLen int
	// Token outputs: the request's sampling parameters and the ids
	// [0, Position] the sampler saw (repetition penalty).
	Sampling *sample.Params
	Context  []int32
}

// VerifyStats counts a party's witness records.
type VerifyStats struct {
	// Sampled: records handed to Report; Dropped: refused by it (its queue
	// was full); Skipped: sampled requests not recorded (MaxRequests held,
	// or their frames arrived out of order).
	Sampled, Dropped, Skipped uint64
}

// witnessBook holds the rows a party has seen of its sampled requests, one
// buffer per (request, direction), until they cover the sampled position;
// then it reports them and forgets the rows. Memory: at most MaxRequests
// buffers of (P+1) rows each.
type witnessBook struct {
	v Verify

	mu   sync.Mutex
	bufs map[witnessKey]*witnessBuf

	sampled, dropped, skipped atomic.Uint64
}

type witnessKey struct {
	req   uint64
	input bool // a record of the accused's input (sent by this party)
}

type witnessBuf struct {
	at    int // sampled position
	rows  []float32
	n     int // rows held
	done  bool
	wire  DType
	spec  *Spec
	peer  axl.PeerID
	width int
}

func newWitnessBook(v Verify) *witnessBook {
	if !v.Enabled() {
		return nil
	}
	if v.MaxRequests <= 0 {
		v.MaxRequests = 64
	}
	return &witnessBook{v: v, bufs: map[witnessKey]*witnessBuf{}}
}

// add records rows [pos, pos+n) of a sampled request (at ≥ 0) seen in one
// direction; once they reach at, the record goes to Report. Rows that do
// not continue the buffer (a gap, a replay) abandon it: a record with a
// hole could accuse an honest stage. The rows are copied.
func (b *witnessBook) add(k witnessKey, at int, spec *Spec, peer axl.PeerID, pos int, width int, rows []float32, wire DType) {
	if b == nil || at < 0 {
		return
	}
	n := len(rows)
	if width > 0 {
		n = len(rows) / width
	}
	b.mu.Lock()
	buf := b.bufs[k]
	if buf == nil {
		if pos != 0 {
			b.mu.Unlock()
			return // joined late: nothing to record
		}
		if len(b.bufs) >= b.v.MaxRequests {
			b.mu.Unlock()
			b.skipped.Add(1)
			return
		}
		buf = &witnessBuf{at: at, spec: spec, peer: peer, width: width, wire: wire}
		b.bufs[k] = buf
	}
	if buf.done {
		b.mu.Unlock()
		return
	}
	if pos != buf.n || peer != buf.peer || width != buf.width {
		buf.done, buf.rows = true, nil
		b.mu.Unlock()
		b.skipped.Add(1)
		return
	}
	need := buf.at + 1 - buf.n // rows still wanted
	take := min(n, need)
	row := max(width, 1)
	buf.rows = append(buf.rows, rows[:take*row]...)
	buf.n += take
	if buf.n <= buf.at {
		b.mu.Unlock()
		return
	}
	w := Witness{Request: k.req, Position: buf.at, Accused: buf.peer, Input: k.input, Width: width, Data: buf.rows,
		Wire: buf.wire, PromptLen: len(buf.spec.Prompt)}
	buf.done, buf.rows = true, nil
	b.mu.Unlock()
	b.report(w)
}

func (b *witnessBook) report(w Witness) {
	b.sampled.Add(1)
	if !b.v.Report(w) {
		b.dropped.Add(1)
	}
}

// end forgets a request's buffers (it ended: its sampled position will not
// come, or has been reported).
func (b *witnessBook) end(req uint64) {
	if b == nil {
		return
	}
	b.mu.Lock()
	delete(b.bufs, witnessKey{req, true})
	delete(b.bufs, witnessKey{req, false})
	b.mu.Unlock()
}

// held: buffers held now (tests).
func (b *witnessBook) held() int {
	if b == nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.bufs)
}

func (b *witnessBook) stats() VerifyStats {
	if b == nil {
		return VerifyStats{}
	}
	return VerifyStats{Sampled: b.sampled.Load(), Dropped: b.dropped.Load(), Skipped: b.skipped.Load()}
}

// RoundToWire returns v as the next stage decodes it after a send in
// dtype: bf16 rounds to nearest even; f32 is exact (v itself).
func RoundToWire(v []float32, dtype DType) []float32 {
	if dtype != DTypeBF16 {
		return v
	}
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = math.Float32frombits(uint32(f32ToBF16(math.Float32bits(x))) << 16)
	}
	return out
}
