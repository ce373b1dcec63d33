package pipeline

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestFrameRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	h := make([]float32, 3*8)
	for i := range h {
		h[i] = rng.Float32()*8 - 4
	}
	f := &Frame{Type: TypeHidden, Flags: FlagLastChunk, Request: 0xdeadbeefcafe, Seq: 7, Pos: 130, Meta: []byte(`{"x":1}`)}
	f.SetHidden(h, 8, DTypeF32)
	g, err := Decode(f.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if g.Type != f.Type || g.Flags != f.Flags || g.Request != f.Request || g.Seq != 7 || g.Pos != 130 || !bytes.Equal(g.Meta, f.Meta) {
		t.Fatalf("header mismatch: %+v vs %+v", g, f)
	}
	back, err := g.Hidden(8)
	if err != nil {
		t.Fatal(err)
	}
	for i := range h {
		if back[i] != h[i] {
			t.Fatalf("f32 element %d: %v != %v", i, back[i], h[i])
		}
	}
	// bf16: within half an ulp of bf16 (2^-8 relative).
	f.SetHidden(h, 8, DTypeBF16)
	if len(f.Data) != 2*len(h) {
		t.Fatalf("bf16 frame holds %d bytes", len(f.Data))
	}
	g, _ = Decode(f.Encode())
	back, _ = g.Hidden(8)
	for i := range h {
		if d := math.Abs(float64(back[i] - h[i])); d > math.Abs(float64(h[i]))/256 {
			t.Fatalf("bf16 element %d: %v vs %v", i, back[i], h[i])
		}
	}
	ids := []int32{0, 1, -5, 128255}
	f = &Frame{Type: TypePrompt}
	f.SetInt32s(ids)
	g, _ = Decode(f.Encode())
	got, err := g.Int32s()
	if err != nil || len(got) != 4 || got[2] != -5 || got[3] != 128255 {
		t.Fatalf("ids %v %v", got, err)
	}
}

func TestDecodeRejects(t *testing.T) {
	good := (&Frame{Type: TypeToken}).Encode()
	f := &Frame{Type: TypeToken}
	f.SetInt32s([]int32{5})
	withData := f.Encode()
	cases := map[string][]byte{
		"empty":     {},
		"json":      []byte(`{"service":"x"}`),
		"short":     good[:10],
		"version":   append([]byte{Magic, 9}, good[2:]...),
		"type 0":    append([]byte{Magic, Version, 0}, good[3:]...),
		"type 99":   append([]byte{Magic, Version, 99}, good[3:]...),
		"truncated": withData[:len(withData)-1],
		"trailing":  append(append([]byte(nil), withData...), 0),
	}
	for name, b := range cases {
		if _, err := Decode(b); err == nil {
			t.Errorf("%s: decoded", name)
		} else if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrBadMagic) && !errors.Is(err, ErrBadVersion) {
			t.Errorf("%s: unexpected error kind %v", name, err)
		}
	}
}

// FuzzDecode: no input panics, and whatever decodes re-encodes to itself.
func FuzzDecode(f *testing.F) {
	fr := &Frame{Type: TypeHidden, Request: 1, Seq: 2, Pos: 3, Meta: []byte(`{}`)}
	fr.SetHidden([]float32{1, 2, 3, 4}, 2, DTypeBF16)
	f.Add(fr.Encode())
	p := &Frame{Type: TypePrompt, Meta: []byte(`{"head":"x"}`)}
	p.SetInt32s([]int32{1, 2, 3})
	f.Add(p.Encode())
	f.Add((&Frame{Type: TypePing, Meta: []byte("abc")}).Encode())
	f.Add([]byte{Magic, Version, 2, 0, 1, 4})
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, err := Decode(b)
		if err != nil {
			return
		}
		if again := fr.Encode(); !bytes.Equal(again, b) {
			t.Fatalf("re-encoding differs:\n%x\n%x", again, b)
		}
		if fr.DType == DTypeI32 {
			fr.Int32s()
		}
		if len(fr.Shape) == 2 && fr.Shape[1] > 0 {
			fr.Hidden(int(fr.Shape[1]))
		}
	})
}
