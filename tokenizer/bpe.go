package tokenizer

import "container/heap"

// merge is one BPE merge rule: the pair's priority and the token it makes.
type merge struct {
	rank int32
	id   int32
}

func pairKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// bpe encodes one pre-tokenized piece (raw bytes) into token ids by applying
// merges lowest rank first, leftmost first among equal ranks — the order
// Hugging Face's BPE uses. A heap keeps it O(n log n), so a 100 kB line
// without spaces costs milliseconds, not minutes.
func (t *Tokenizer) bpe(piece string) []int32 {
	if t.ignoreMerges {
		if id, ok := t.vocab[byteLevelString(piece)]; ok {
			return []int32{id}
		}
	}
	n := len(piece)
	ids := make([]int32, n)
	for i := 0; i < n; i++ {
		ids[i] = t.byteIDs[piece[i]]
	}
	if n == 1 {
		return ids
	}
	next := make([]int32, n)
	prev := make([]int32, n)
	for i := range ids {
		next[i], prev[i] = int32(i+1), int32(i-1)
	}
	next[n-1] = -1
	h := &mergeHeap{}
	push := func(left int32) {
		if left < 0 || next[left] < 0 {
			return
		}
		right := next[left]
		if m, ok := t.merges[pairKey(ids[left], ids[right])]; ok {
			heap.Push(h, candidate{rank: m.rank, left: left, leftID: ids[left], rightID: ids[right], merged: m.id})
		}
	}
	for i := int32(0); i < int32(n-1); i++ {
		push(i)
	}
	alive := n
	for h.Len() > 0 {
		c := heap.Pop(h).(candidate)
		right := next[c.left]
		// Skip candidates invalidated by an earlier merge.
		if ids[c.left] != c.leftID || right < 0 || ids[right] != c.rightID || ids[c.left] < 0 {
			continue
		}
		ids[c.left] = c.merged
		ids[right] = -1 // removed
		next[c.left] = next[right]
		if next[right] >= 0 {
			prev[next[right]] = c.left
		}
		alive--
		push(prev[c.left])
		push(c.left)
	}
	out := make([]int32, 0, alive)
	for i := int32(0); i >= 0; i = next[i] {
		out = append(out, ids[i])
	}
	return out
}

type candidate struct {
	rank            int32
	left            int32
	leftID, rightID int32
	merged          int32
}

type mergeHeap []candidate

func (h mergeHeap) Len() int { return len(h) }
func (h mergeHeap) Less(i, j int) bool {
	if h[i].rank != h[j].rank {
		return h[i].rank < h[j].rank
	}
	return h[i].left < h[j].left
}
func (h mergeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)   { *h = append(*h, x.(candidate)) }
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
