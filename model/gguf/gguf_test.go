package gguf

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/model/genmodel"
)

// reader parses what Export wrote, independently of the writer's code paths.
type reader struct {
	r   io.Reader
	err error
}

func (r *reader) u32() uint32 {
	var v uint32
	if r.err == nil {
		r.err = binary.Read(r.r, binary.LittleEndian, &v)
	}
	return v
}

func (r *reader) u64() uint64 {
	var v uint64
	if r.err == nil {
		r.err = binary.Read(r.r, binary.LittleEndian, &v)
	}
	return v
}

func (r *reader) str() string {
	n := r.u64()
	b := make([]byte, n)
	if r.err == nil {
		_, r.err = io.ReadFull(r.r, b)
	}
	return string(b)
}

func (r *reader) skipValue(typ uint32) any {
	switch typ {
	case typeUint32, typeInt32, typeFloat32:
		return r.u32()
	case typeString:
		return r.str()
	case typeArray:
		elem, n := r.u32(), r.u64()
		for i := uint64(0); i < n; i++ {
			r.skipValue(elem)
		}
		return n
	}
	r.err = io.ErrUnexpectedEOF
	return nil
}

func TestExportLayout(t *testing.T) {
	c, err := genmodel.Preset("llama", "tiny")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := genmodel.Write(dir, c, genmodel.Options{Seed: 3}, zaptest.NewLogger(t)); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "m.gguf")
	if err := Export(dir, out, zaptest.NewLogger(t)); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	cr := &countingReader{r: bytes.NewReader(data)}
	r := &reader{r: cr}
	if magic := r.u32(); magic != 0x46554747 || r.u32() != 3 {
		t.Fatalf("bad magic/version")
	}
	nTensors, nKV := r.u64(), r.u64()
	meta := map[string]any{}
	for i := uint64(0); i < nKV; i++ {
		key := r.str()
		meta[key] = r.skipValue(r.u32())
	}
	if meta["general.architecture"] != "llama" || meta["llama.block_count"] != uint32(6) || meta["tokenizer.ggml.tokens"] != uint64(c.VocabSize) {
		t.Errorf("metadata: arch %v, blocks %v, tokens %v", meta["general.architecture"], meta["llama.block_count"], meta["tokenizer.ggml.tokens"])
	}
	var names []string
	var end uint64
	for i := uint64(0); i < nTensors; i++ {
		name := r.str()
		nd := r.u32()
		elems := uint64(1)
		for d := uint32(0); d < nd; d++ {
			elems *= r.u64()
		}
		typ, off := r.u32(), r.u64()
		if off%alignment != 0 {
			t.Errorf("tensor %s at unaligned offset %d", name, off)
		}
		size := elems * map[uint32]uint64{ggmlF32: 4, ggmlF16: 2, ggmlBF16: 2}[typ]
		end = off + size
		names = append(names, name)
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	dataStart := cr.n + pad(cr.n)
	if got := uint64(len(data)); got != dataStart+end+pad(end) {
		t.Errorf("file is %d bytes, header+data say %d", got, dataStart+end+pad(end))
	}
	all := strings.Join(names, " ")
	for _, want := range []string{"token_embd.weight", "blk.5.ffn_down.weight", "blk.0.attn_q.weight", "output_norm.weight", "rope_freqs.weight"} {
		if !strings.Contains(all, want) {
			t.Errorf("no tensor %s", want)
		}
	}
	if slices.Contains(names, "output.weight") {
		t.Error("tied model should have no output.weight")
	}
}

type countingReader struct {
	r io.Reader
	n uint64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += uint64(n)
	return n, err
}

// The q/k permutation matches convert_hf_to_gguf.py's reshape/swapaxes.
func TestPermuteRows(t *testing.T) {
	heads, headDim := 2, 4
	raw := make([]byte, heads*headDim)
	for i := range raw {
		raw[i] = byte(i) // one byte per row
	}
	got := permuteRows(raw, heads, headDim, 1)
	// reshape(2 heads, 2, 2, ·).swapaxes(1, 2): per head rows [0 2 1 3].
	want := []byte{0, 2, 1, 3, 4, 6, 5, 7}
	if !bytes.Equal(got, want) {
		t.Errorf("permuted %v, want %v", got, want)
	}
}

func TestExportRejectsOtherArchitectures(t *testing.T) {
	c, _ := genmodel.Preset("qwen3", "tiny")
	dir := t.TempDir()
	if err := genmodel.Write(dir, c, genmodel.Options{}, zaptest.NewLogger(t)); err != nil {
		t.Fatal(err)
	}
	if err := Export(dir, filepath.Join(dir, "x.gguf"), zaptest.NewLogger(t)); err == nil || !strings.Contains(err.Error(), "supports llama") {
		t.Errorf("err = %v", err)
	}
}
