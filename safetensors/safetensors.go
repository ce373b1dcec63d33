// Package safetensors reads and writes the Hugging Face safetensors format:
// an 8-byte little-endian header length, a JSON header
// {name: {dtype, shape, data_offsets}} with an optional "__metadata__" entry,
// then the raw little-endian tensor data. Offsets are relative to the first
// byte after the header.
//
// The reader validates everything a malformed or hostile file could get wrong
// (header size, offsets outside the file, overlapping tensors, a byte length
// that does not match dtype×shape) before any tensor is read, and reads each
// tensor with one positioned read, so a shard touches only the bytes of the
// tensors it asks for.
package safetensors

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"sort"
)

// MaxHeaderSize bounds the JSON header, as the reference implementation does
// (100 MB), so a corrupted length cannot make us allocate gigabytes.
const MaxHeaderSize = 100 << 20

// DType is a tensor element type as spelled in a safetensors header.
type DType string

// Element types of the safetensors format.
const (
	F64  DType = "F64"
	F32  DType = "F32"
	F16  DType = "F16"
	BF16 DType = "BF16"
	I64  DType = "I64"
	I32  DType = "I32"
	I16  DType = "I16"
	I8   DType = "I8"
	U8   DType = "U8"
	Bool DType = "BOOL"
)

// Size returns the byte size of one element, or 0 for an unknown dtype.
func (d DType) Size() int {
	switch d {
	case F64, I64:
		return 8
	case F32, I32:
		return 4
	case F16, BF16, I16:
		return 2
	case I8, U8, Bool:
		return 1
	}
	return 0
}

// IsFloat reports whether tensors of this dtype can be converted to float32.
func (d DType) IsFloat() bool { return d == F32 || d == F16 || d == BF16 || d == F64 }

// TensorInfo describes one tensor of a file.
type TensorInfo struct {
	Name  string
	DType DType
	Shape []int
	// Begin and End are byte offsets relative to the data section.
	Begin, End int64
}

// NumElements is the product of the shape (1 for a scalar).
func (t TensorInfo) NumElements() int64 {
	n := int64(1)
	for _, d := range t.Shape {
		n *= int64(d)
	}
	return n
}

// Header is a parsed and validated safetensors header.
type Header struct {
	Tensors  map[string]TensorInfo
	Metadata map[string]string
	// DataStart is the absolute file offset of the data section (8 + header length).
	DataStart int64
}

type rawEntry struct {
	DType       DType   `json:"dtype"`
	Shape       []int64 `json:"shape"`
	DataOffsets []int64 `json:"data_offsets"`
}

// ParseHeader parses and validates the header at the start of a safetensors
// file of fileSize bytes; prefix must hold the first 8+header-length bytes.
func ParseHeader(prefix []byte, fileSize int64) (*Header, error) {
	n, err := HeaderLength(prefix, fileSize)
	if err != nil {
		return nil, err
	}
	if int64(len(prefix)) < 8+n {
		return nil, fmt.Errorf("header is %d bytes but only %d were given", n, len(prefix)-8)
	}
	return parseJSON(prefix[8:8+n], 8+n, fileSize)
}

// HeaderLength decodes and checks the 8-byte header length.
func HeaderLength(prefix []byte, fileSize int64) (int64, error) {
	if len(prefix) < 8 || fileSize < 8 {
		return 0, fmt.Errorf("file too short (%d bytes) to hold a safetensors header length", fileSize)
	}
	n := binary.LittleEndian.Uint64(prefix[:8])
	if n > MaxHeaderSize {
		return 0, fmt.Errorf("header length %d exceeds the %d-byte limit (corrupt or not a safetensors file)", n, MaxHeaderSize)
	}
	if int64(n) > fileSize-8 {
		return 0, fmt.Errorf("header length %d runs past the end of the %d-byte file (truncated?)", n, fileSize)
	}
	return int64(n), nil
}

func parseJSON(js []byte, dataStart, fileSize int64) (*Header, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(js, &raw); err != nil {
		return nil, fmt.Errorf("header is not a JSON object: %w", err)
	}
	h := &Header{Tensors: make(map[string]TensorInfo, len(raw)), DataStart: dataStart}
	dataLen := fileSize - dataStart
	for name, msg := range raw {
		if name == "__metadata__" {
			if err := json.Unmarshal(msg, &h.Metadata); err != nil {
				return nil, fmt.Errorf("__metadata__ must map strings to strings: %w", err)
			}
			continue
		}
		info, err := parseEntry(name, msg, dataLen)
		if err != nil {
			return nil, err
		}
		h.Tensors[name] = info
	}
	if err := checkNoOverlap(h.Tensors); err != nil {
		return nil, err
	}
	return h, nil
}

func parseEntry(name string, msg json.RawMessage, dataLen int64) (TensorInfo, error) {
	if name == "" {
		return TensorInfo{}, fmt.Errorf("tensor with an empty name")
	}
	var e rawEntry
	if err := json.Unmarshal(msg, &e); err != nil {
		return TensorInfo{}, fmt.Errorf("tensor %q: bad header entry: %w", name, err)
	}
	size := e.DType.Size()
	if size == 0 {
		return TensorInfo{}, fmt.Errorf("tensor %q: unknown dtype %q", name, e.DType)
	}
	if len(e.DataOffsets) != 2 {
		return TensorInfo{}, fmt.Errorf("tensor %q: data_offsets must be [begin, end], got %v", name, e.DataOffsets)
	}
	begin, end := e.DataOffsets[0], e.DataOffsets[1]
	if begin < 0 || end < begin || end > dataLen {
		return TensorInfo{}, fmt.Errorf("tensor %q: data_offsets [%d, %d] outside the %d-byte data section", name, begin, end, dataLen)
	}
	shape := make([]int, len(e.Shape))
	elems := int64(1)
	for i, d := range e.Shape {
		if d < 0 || d > math.MaxInt32 {
			return TensorInfo{}, fmt.Errorf("tensor %q: invalid dimension %d in shape %v", name, d, e.Shape)
		}
		shape[i] = int(d)
		if d != 0 && elems > math.MaxInt64/d {
			return TensorInfo{}, fmt.Errorf("tensor %q: shape %v overflows", name, e.Shape)
		}
		elems *= d
	}
	if want := elems * int64(size); end-begin != want {
		return TensorInfo{}, fmt.Errorf("tensor %q: %s%v needs %d bytes but data_offsets span %d", name, e.DType, e.Shape, want, end-begin)
	}
	return TensorInfo{Name: name, DType: e.DType, Shape: shape, Begin: begin, End: end}, nil
}

func checkNoOverlap(tensors map[string]TensorInfo) error {
	list := make([]TensorInfo, 0, len(tensors))
	for _, t := range tensors {
		if t.End > t.Begin {
			list = append(list, t)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Begin < list[j].Begin })
	for i := 1; i < len(list); i++ {
		if list[i].Begin < list[i-1].End {
			return fmt.Errorf("tensors %q and %q overlap (bytes %d–%d and %d–%d)",
				list[i-1].Name, list[i].Name, list[i-1].Begin, list[i-1].End, list[i].Begin, list[i].End)
		}
	}
	return nil
}
