package gguf

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/x448/float16"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/model/genmodel"
	"github.com/computepool/computepool/model/quantize"
	"github.com/computepool/computepool/safetensors"
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
	f := parse(t, data)
	meta, names := f.meta, f.names
	if meta["general.architecture"] != "llama" || meta["llama.block_count"] != uint32(6) || meta["tokenizer.ggml.tokens"] != uint64(c.VocabSize) {
		t.Errorf("metadata: arch %v, blocks %v, tokens %v", meta["general.architecture"], meta["llama.block_count"], meta["tokenizer.ggml.tokens"])
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

// parsed is what parse reads back from a GGUF file.
type parsed struct {
	meta      map[string]any
	names     []string
	tensors   map[string]parsedTensor
	dataStart uint64
}

type parsedTensor struct {
	typ         uint32
	off, size   uint64
	elems, cols uint64
}

// parse reads a GGUF file's header and tensor table and checks that the
// offsets are aligned and the file ends where the last tensor does.
func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	cr := &countingReader{r: bytes.NewReader(data)}
	r := &reader{r: cr}
	if magic := r.u32(); magic != 0x46554747 || r.u32() != 3 {
		t.Fatalf("bad magic/version")
	}
	nTensors, nKV := r.u64(), r.u64()
	f := parsed{meta: map[string]any{}, tensors: map[string]parsedTensor{}}
	for i := uint64(0); i < nKV; i++ {
		key := r.str()
		f.meta[key] = r.skipValue(r.u32())
	}
	var end uint64
	for i := uint64(0); i < nTensors; i++ {
		name := r.str()
		nd := r.u32()
		elems, cols := uint64(1), uint64(0)
		for d := uint32(0); d < nd; d++ {
			n := r.u64()
			if d == 0 {
				cols = n
			}
			elems *= n
		}
		typ, off := r.u32(), r.u64()
		if off%alignment != 0 {
			t.Errorf("tensor %s at unaligned offset %d", name, off)
		}
		size := elems * map[uint32]uint64{ggmlF32: 4, ggmlF16: 2, ggmlBF16: 2}[typ]
		if typ == ggmlQ8_0 {
			size = elems / 32 * 34 // f16 scale + 32 int8 per block
		}
		end = off + size
		f.names = append(f.names, name)
		f.tensors[name] = parsedTensor{typ, off, size, elems, cols}
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	f.dataStart = cr.n + pad(cr.n)
	if got := uint64(len(data)); got != f.dataStart+end+pad(end) {
		t.Errorf("file is %d bytes, header+data say %d", got, f.dataStart+end+pad(end))
	}
	return f
}

// An int8 checkpoint (model/quantize) goes out as Q8_0 with every block
// holding its row's scale and the row's int8 values unchanged.
func TestExportInt8AsQ8_0(t *testing.T) {
	c, _ := genmodel.Preset("llama", "tiny")
	src, dir := t.TempDir(), t.TempDir()
	log := zaptest.NewLogger(t)
	if err := genmodel.Write(src, c, genmodel.Options{Seed: 5}, log); err != nil {
		t.Fatal(err)
	}
	if err := quantize.Int8(context.Background(), src, dir, log); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "m.gguf")
	if err := Export(dir, out, log); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	f := parse(t, data)
	down := f.tensors["blk.2.ffn_down.weight"]
	if down.typ != ggmlQ8_0 || f.tensors["token_embd.weight"].typ != ggmlQ8_0 || f.tensors["blk.2.ffn_norm.weight"].typ != ggmlF32 {
		t.Fatalf("types: ffn_down %d, token_embd %d, ffn_norm %d; want Q8_0, Q8_0, F32", down.typ, f.tensors["token_embd.weight"].typ, f.tensors["blk.2.ffn_norm.weight"].typ)
	}
	ckpt, err := safetensors.OpenCheckpoint(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ckpt.Close()
	const hf = "model.layers.2.mlp.down_proj.weight"
	file, _ := ckpt.File(hf)
	_, q, _ := file.ReadRaw(hf)
	scales, _ := ckpt.ReadFloat32(hf+"_scale", []int{c.HiddenSize, 1})
	blocks := data[f.dataStart+down.off : f.dataStart+down.off+down.size]
	perRow := int(down.cols) / 32
	for r := range c.HiddenSize {
		for b := range perRow {
			blk := blocks[(r*perRow+b)*34:]
			if d := float16.Frombits(binary.LittleEndian.Uint16(blk)).Float32(); math.Abs(float64(d/scales[r]-1)) > 1e-3 {
				t.Fatalf("row %d block %d: scale %v, the row's is %v", r, b, d, scales[r])
			}
			if !bytes.Equal(blk[2:34], q[r*int(down.cols)+32*b:][:32]) {
				t.Fatalf("row %d block %d: int8 values differ from the checkpoint's", r, b)
			}
		}
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
