package safetensors

import (
	"encoding/binary"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTestFile(t *testing.T, dtype DType) (string, []float32) {
	t.Helper()
	vals := []float32{0, 1, -2.5, 3.25, 1e-3, -7, 0.5, 100}
	path := filepath.Join(t.TempDir(), "m.safetensors")
	specs := []TensorSpec{{Name: "a", DType: dtype, Shape: []int{2, 4}}, {Name: "b", DType: dtype, Shape: []int{}}}
	err := Write(path, specs, map[string]string{"format": "pt"}, func(i int, w io.Writer) error {
		src := vals
		if i == 1 {
			src = []float32{42}
		}
		b, err := EncodeFloat32(dtype, src)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return path, vals
}

func TestRoundTrip(t *testing.T) {
	for _, dt := range []DType{F32, BF16, F16} {
		t.Run(string(dt), func(t *testing.T) {
			path, vals := writeTestFile(t, dt)
			f, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Header.Metadata["format"] != "pt" {
				t.Errorf("metadata lost: %v", f.Header.Metadata)
			}
			if f.Header.DataStart%8 != 0 {
				t.Errorf("data section at %d, want 8-byte aligned", f.Header.DataStart)
			}
			got := make([]float32, 8)
			if err := f.ReadFloat32("a", got); err != nil {
				t.Fatal(err)
			}
			for i := range vals {
				// All test values are exact in bf16 except 1e-3; allow its rounding.
				if d := math.Abs(float64(got[i] - vals[i])); d > 1e-5 {
					t.Errorf("a[%d] = %v, want %v", i, got[i], vals[i])
				}
			}
			scalar := make([]float32, 1)
			if err := f.ReadFloat32("b", scalar); err != nil || scalar[0] != 42 {
				t.Errorf("scalar = %v, %v", scalar, err)
			}
		})
	}
}

func TestBFloat16Rounding(t *testing.T) {
	cases := map[float32]uint16{1: 0x3f80, -2: 0xc000, 1.00390625: 0x3f80 /* tie to even */, 1.01171875: 0x3f82 /* tie up to even */}
	for v, want := range cases {
		if got := BFloat16Bits(v); got != want {
			t.Errorf("BFloat16Bits(%v) = %#x, want %#x", v, got, want)
		}
	}
	if got := BFloat16Bits(float32(math.NaN())); got&0x7f80 != 0x7f80 || got&0x7f == 0 {
		t.Errorf("NaN became %#x", got)
	}
}

// header builds a file image with the given JSON header and data length.
func header(js string, dataLen int) []byte {
	b := make([]byte, 8, 8+len(js)+dataLen)
	binary.LittleEndian.PutUint64(b, uint64(len(js)))
	b = append(b, js...)
	return append(b, make([]byte, dataLen)...)
}

func TestBadHeaders(t *testing.T) {
	cases := []struct {
		name, wantErr string
		file          []byte
	}{
		{"short", "too short", []byte{1, 2, 3}},
		{"oversized length", "exceeds", func() []byte { b := make([]byte, 16); binary.LittleEndian.PutUint64(b, 1<<40); return b }()},
		{"truncated", "past the end", func() []byte { b := header(`{}`, 0); return b[:len(b)-1] }()},
		{"not json", "not a JSON object", header(`[1,2]`, 0)},
		{"unknown dtype", `unknown dtype "Q4"`, header(`{"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}}`, 1)},
		{"out of file", "outside the 4-byte data section", header(`{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`, 4)},
		{"negative offset", "outside", header(`{"w":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}`, 4)},
		{"size mismatch", "needs 8 bytes but data_offsets span 4", header(`{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}`, 8)},
		{"overlap", "overlap", header(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}`, 12)},
		{"bad offsets", "data_offsets must be", header(`{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}`, 4)},
		{"negative dim", "invalid dimension", header(`{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}`, 4)},
		{"bad metadata", "__metadata__", header(`{"__metadata__":{"a":1}}`, 0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.safetensors")
			if err := os.WriteFile(path, c.file, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path)
			if err == nil {
				t.Fatalf("no error")
			}
			if !strings.Contains(err.Error(), c.wantErr) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q should name the file and say %q", err, c.wantErr)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	path, _ := writeTestFile(t, BF16)
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.ReadFloat32("missing", make([]float32, 1)); err == nil || !strings.Contains(err.Error(), `"missing"`) {
		t.Errorf("missing tensor: %v", err)
	}
	if err := f.ReadFloat32("a", make([]float32, 3)); err == nil || !strings.Contains(err.Error(), "8 elements") {
		t.Errorf("wrong size: %v", err)
	}
}

func TestCheckpointSharded(t *testing.T) {
	dir := t.TempDir()
	writeVector(t, filepath.Join(dir, "model-00001-of-00002.safetensors"), "x", F32, []float32{1})
	writeVector(t, filepath.Join(dir, "model-00002-of-00002.safetensors"), "y", F32, []float32{2})
	index := `{"metadata":{},"weight_map":{"x":"model-00001-of-00002.safetensors","y":"model-00002-of-00002.safetensors"}}`
	if err := os.WriteFile(filepath.Join(dir, IndexFile), []byte(index), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := OpenCheckpoint(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	y, err := c.ReadFloat32("y", []int{1})
	if err != nil || y[0] != 2 {
		t.Fatalf("y = %v, %v", y, err)
	}
	if got := c.OpenFiles(); len(got) != 1 || got[0] != "model-00002-of-00002.safetensors" {
		t.Errorf("opened %v, want only the file holding y", got)
	}
	if _, err := c.ReadFloat32("x", []int{2}); err == nil || !strings.Contains(err.Error(), "shape [1]") {
		t.Errorf("shape mismatch: %v", err)
	}
	if _, err := c.ReadFloat32("z", []int{1}); err == nil || !strings.Contains(err.Error(), `"z"`) {
		t.Errorf("missing: %v", err)
	}
}

func TestCheckpointMissing(t *testing.T) {
	_, err := OpenCheckpoint(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "neither") {
		t.Fatalf("err = %v", err)
	}
}

// FuzzParseHeader: any byte string either parses into a header whose tensors
// all lie inside the file without overlapping, or gives an error — never a panic.
func FuzzParseHeader(f *testing.F) {
	f.Add(header(`{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`, 8))
	f.Add(header(`{"__metadata__":{"format":"pt"},"a":{"dtype":"BF16","shape":[1,2],"data_offsets":[0,4]}}`, 4))
	f.Add(header(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}`, 12))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, file []byte) {
		h, err := ParseHeader(file, int64(len(file)))
		if err != nil {
			return
		}
		dataLen := int64(len(file)) - h.DataStart
		for name, ti := range h.Tensors {
			if ti.Begin < 0 || ti.End > dataLen || ti.End-ti.Begin != ti.NumElements()*int64(ti.DType.Size()) {
				t.Fatalf("accepted bad tensor %q: %+v (data %d bytes)", name, ti, dataLen)
			}
		}
	})
}

// A tensor larger than the decode chunk, with a partial last chunk, decodes exactly.
func TestReadChunked(t *testing.T) {
	n := (16<<20)/2*2 + 3 // two full 16 MiB bf16 chunks and 3 elements
	vals := make([]float32, n)
	for i := range vals {
		vals[i] = float32(i%251) - 125
	}
	path := filepath.Join(t.TempDir(), "big.safetensors")
	writeVector(t, path, "w", BF16, vals)
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := make([]float32, n)
	if err := f.ReadFloat32("w", got); err != nil {
		t.Fatal(err)
	}
	for i := range vals {
		if got[i] != vals[i] {
			t.Fatalf("element %d = %v, want %v", i, got[i], vals[i])
		}
	}
}

// writeVector writes a file holding one 1-D tensor.
func writeVector(t *testing.T, path, name string, dtype DType, vals []float32) {
	t.Helper()
	err := Write(path, []TensorSpec{{Name: name, DType: dtype, Shape: []int{len(vals)}}}, nil, func(_ int, w io.Writer) error {
		b, err := EncodeFloat32(dtype, vals)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
