package safetensors

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/x448/float16"
)

// TensorSpec names a tensor to write.
type TensorSpec struct {
	Name  string
	DType DType
	Shape []int
}

// Bytes is the size of the tensor's data.
func (s TensorSpec) Bytes() int64 {
	n := int64(s.DType.Size())
	for _, d := range s.Shape {
		n *= int64(d)
	}
	return n
}

// Write creates a safetensors file holding the given tensors in order. fill
// is called once per tensor, in order, and must write exactly that tensor's
// bytes; tensors are streamed, so a multi-gigabyte file never sits in memory.
func Write(path string, specs []TensorSpec, metadata map[string]string, fill func(i int, w io.Writer) error) (err error) {
	header := map[string]any{}
	if len(metadata) > 0 {
		header["__metadata__"] = metadata
	}
	var offset int64
	for _, s := range specs {
		if s.DType.Size() == 0 {
			return fmt.Errorf("tensor %q: unknown dtype %q", s.Name, s.DType)
		}
		if _, dup := header[s.Name]; dup {
			return fmt.Errorf("tensor %q listed twice", s.Name)
		}
		end := offset + s.Bytes()
		header[s.Name] = map[string]any{"dtype": s.DType, "shape": s.Shape, "data_offsets": []int64{offset, end}}
		offset = end
	}
	js, err := json.Marshal(header)
	if err != nil {
		return err
	}
	// Pad with spaces so the data section starts 8-byte aligned, as the reference writer does.
	for len(js)%8 != 0 {
		js = append(js, ' ')
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	var lenBuf [8]byte
	binary.LittleEndian.PutUint64(lenBuf[:], uint64(len(js)))
	if _, err := w.Write(lenBuf[:]); err != nil {
		return err
	}
	if _, err := w.Write(js); err != nil {
		return err
	}
	for i, s := range specs {
		cw := &countingWriter{w: w}
		if err := fill(i, cw); err != nil {
			return fmt.Errorf("writing tensor %q: %w", s.Name, err)
		}
		if cw.n != s.Bytes() {
			return fmt.Errorf("tensor %q: wrote %d bytes, want %d", s.Name, cw.n, s.Bytes())
		}
	}
	return w.Flush()
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// EncodeFloat32 converts float32 values to the little-endian bytes of a float
// dtype (BF16 rounds to nearest even, as PyTorch does).
func EncodeFloat32(dtype DType, src []float32) ([]byte, error) {
	out := make([]byte, len(src)*dtype.Size())
	switch dtype {
	case F32:
		for i, v := range src {
			binary.LittleEndian.PutUint32(out[4*i:], math.Float32bits(v))
		}
	case BF16:
		for i, v := range src {
			binary.LittleEndian.PutUint16(out[2*i:], BFloat16Bits(v))
		}
	case F16:
		for i, v := range src {
			binary.LittleEndian.PutUint16(out[2*i:], float16.Fromfloat32(v).Bits())
		}
	default:
		return nil, fmt.Errorf("cannot encode float32 as %s", dtype)
	}
	return out, nil
}

// BFloat16Bits rounds a float32 to bfloat16 (round to nearest, ties to even).
func BFloat16Bits(v float32) uint16 {
	b := math.Float32bits(v)
	if b&0x7f800000 == 0x7f800000 && b&0x7fffff != 0 {
		return uint16(b>>16) | 0x40 // keep NaN a NaN
	}
	b += 0x7fff + (b>>16)&1
	return uint16(b >> 16)
}
