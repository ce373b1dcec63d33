package safetensors

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"unsafe"

	"github.com/x448/float16"
)

// File is an open safetensors file.
type File struct {
	Path   string
	Header *Header
	f      *os.File
}

// Open reads and validates the header of the safetensors file at path.
func Open(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	h, err := readHeader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &File{Path: path, Header: h, f: f}, nil
}

func readHeader(f *os.File) (*Header, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	var lenBuf [8]byte
	if st.Size() < 8 {
		return nil, fmt.Errorf("file too short (%d bytes) to hold a safetensors header length", st.Size())
	}
	if _, err := io.ReadFull(f, lenBuf[:]); err != nil {
		return nil, fmt.Errorf("reading header length: %w", err)
	}
	n, err := HeaderLength(lenBuf[:], st.Size())
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 8+n)
	copy(buf, lenBuf[:])
	if _, err := io.ReadFull(f, buf[8:]); err != nil {
		return nil, fmt.Errorf("reading %d-byte header: %w", n, err)
	}
	return ParseHeader(buf, st.Size())
}

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }

// Info returns the description of a tensor.
func (f *File) Info(name string) (TensorInfo, bool) {
	t, ok := f.Header.Tensors[name]
	return t, ok
}

// ReadRaw reads the raw little-endian bytes of a tensor.
func (f *File) ReadRaw(name string) (TensorInfo, []byte, error) {
	t, ok := f.Info(name)
	if !ok {
		return t, nil, fmt.Errorf("%s: no tensor %q", f.Path, name)
	}
	buf := make([]byte, t.End-t.Begin)
	if _, err := f.f.ReadAt(buf, f.Header.DataStart+t.Begin); err != nil {
		return t, nil, fmt.Errorf("%s: reading tensor %q: %w", f.Path, name, err)
	}
	return t, buf, nil
}

// ReadRawInto reads a tensor's bytes, as stored (little-endian), into dst,
// which must hold exactly that many bytes: no intermediate copy.
func (f *File) ReadRawInto(name string, dst []byte) error {
	t, ok := f.Info(name)
	if !ok {
		return fmt.Errorf("%s: no tensor %q", f.Path, name)
	}
	if int64(len(dst)) != t.End-t.Begin {
		return fmt.Errorf("%s: tensor %q has %d bytes, destination holds %d", f.Path, name, t.End-t.Begin, len(dst))
	}
	if _, err := f.f.ReadAt(dst, f.Header.DataStart+t.Begin); err != nil {
		return fmt.Errorf("%s: reading tensor %q: %w", f.Path, name, err)
	}
	return nil
}

// ReadFloat32 reads a floating-point tensor into dst (len = number of
// elements), widening F16/BF16 and narrowing F64.
func (f *File) ReadFloat32(name string, dst []float32) error {
	t, ok := f.Info(name)
	if !ok {
		return fmt.Errorf("%s: no tensor %q", f.Path, name)
	}
	if !t.DType.IsFloat() {
		return fmt.Errorf("%s: tensor %q has dtype %s, want a floating-point type", f.Path, name, t.DType)
	}
	if int64(len(dst)) != t.NumElements() {
		return fmt.Errorf("%s: tensor %q has %d elements, destination holds %d", f.Path, name, t.NumElements(), len(dst))
	}
	if t.DType == F32 && HostIsLittleEndian {
		// Read straight into dst: no temporary copy of the largest tensors.
		return f.ReadRawInto(name, unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(dst))), len(dst)*4))
	}
	// Decode in chunks so a multi-gigabyte bf16 tensor never needs a second
	// full-size buffer: peak memory stays at the destination plus one chunk.
	const chunkBytes = 16 << 20
	size := int64(t.DType.Size())
	per := chunkBytes / size
	raw := make([]byte, min(t.End-t.Begin, per*size))
	for done := int64(0); done < int64(len(dst)); done += per {
		n := min(per, int64(len(dst))-done)
		if _, err := f.f.ReadAt(raw[:n*size], f.Header.DataStart+t.Begin+done*size); err != nil {
			return fmt.Errorf("%s: reading tensor %q: %w", f.Path, name, err)
		}
		DecodeFloat32(t.DType, raw[:n*size], dst[done:done+n])
	}
	return nil
}

// DecodeFloat32 converts little-endian raw data of a float dtype to float32.
func DecodeFloat32(dtype DType, raw []byte, dst []float32) {
	switch dtype {
	case F32:
		for i := range dst {
			dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		}
	case BF16:
		for i := range dst {
			dst[i] = math.Float32frombits(uint32(binary.LittleEndian.Uint16(raw[2*i:])) << 16)
		}
	case F16:
		for i := range dst {
			dst[i] = float16.Frombits(binary.LittleEndian.Uint16(raw[2*i:])).Float32()
		}
	case F64:
		for i := range dst {
			dst[i] = float32(math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:])))
		}
	default:
		panic(fmt.Sprintf("safetensors: DecodeFloat32 on %s", dtype))
	}
}

// HostIsLittleEndian: a tensor's bytes in the file (always little-endian)
// are its elements' bytes in memory, so they can be read in place.
var HostIsLittleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()
