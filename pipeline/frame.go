// Package pipeline runs a model split into stages across AXL nodes: the
// frame codec of the hot path, the stage loop (one per shard process) and
// the head (the API side's client). Per token, hidden states go stage to
// stage, the last stage samples and sends the token back to the first stage
// and a token event to the head; nothing else sits in that path.
package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Magic starts every frame. It is not '{', so a frame is never mistaken for
// the JSON (MCP/A2A) messages stock AXL nodes divert.
const Magic = 0xCB

// Version is the frame format version; a frame of another version is refused.
const Version = 1

// Type says what a frame carries.
type Type uint8

const (
	// TypePrompt: head → first stage. Data: prompt ids (int32); Meta: the request spec.
	TypePrompt Type = iota + 1
	// TypeHidden: stage → next stage. Data: hidden states [tokens, hidden];
	// Meta: the spec on a request's first frame.
	TypeHidden
	// TypeToken: last stage → first stage (next step) and → head (event).
	// Data: the sampled id (int32); Meta on the final token: finish reason.
	TypeToken
	// TypeReset: head → stages. Frees the request's slot.
	TypeReset
	// TypeError: stage → head. Meta: an ErrorInfo (JSON).
	TypeError
	// TypePing / TypePong: liveness between the head and each stage.
	TypePing
	TypePong
	typeEnd
)

func (t Type) String() string {
	names := [...]string{"", "prompt", "hidden", "token", "reset", "error", "ping", "pong"}
	if t > 0 && t < typeEnd {
		return names[t]
	}
	return fmt.Sprintf("type(%d)", uint8(t))
}

// DType is the element type of a frame's tensor.
type DType uint8

const (
	DTypeNone DType = iota
	DTypeF32
	DTypeBF16
	DTypeI32
	dtypeEnd
)

// Size is the element size in bytes.
func (d DType) Size() int {
	switch d {
	case DTypeF32, DTypeI32:
		return 4
	case DTypeBF16:
		return 2
	}
	return 0
}

// Flags.
const (
	// FlagFinal marks a request's last token.
	FlagFinal uint8 = 1 << iota
	// FlagLastChunk marks the frame that completes a prompt (the last stage
	// samples after it).
	FlagLastChunk
)

// Frame is one hot-path message.
type Frame struct {
	Type    Type
	Flags   uint8
	DType   DType
	Request uint64 // request id, chosen by the head
	Seq     uint32 // step: 0 = prompt (all its chunks), k = k-th decode step
	Pos     uint32 // position of the frame's first token in the sequence
	Shape   []uint32
	Meta    []byte
	Data    []byte
}

const (
	headerSize = 24
	maxDims    = 4
	// MaxMeta bounds the metadata a frame may carry.
	MaxMeta = 1 << 20
)

// Layout (big-endian): magic, version, type, flags, dtype, ndim, meta length
// (uint16 is too small for prompts, so uint32 follows the fixed part),
// request, seq, pos, then ndim × uint32 dims, meta, data.
//
//	0 magic | 1 version | 2 type | 3 flags | 4 dtype | 5 ndim | 6-7 reserved
//	8-15 request | 16-19 seq | 20-23 pos | meta length uint32 | dims | meta | data

// Errors of Decode.
var (
	ErrBadMagic   = errors.New("pipeline: not a frame (bad magic)")
	ErrBadVersion = errors.New("pipeline: unsupported frame version")
	ErrMalformed  = errors.New("pipeline: malformed frame")
)

// Append encodes f after dst.
func (f *Frame) Append(dst []byte) []byte {
	var h [headerSize]byte
	h[0], h[1], h[2], h[3], h[4], h[5] = Magic, Version, byte(f.Type), f.Flags, byte(f.DType), byte(len(f.Shape))
	binary.BigEndian.PutUint64(h[8:], f.Request)
	binary.BigEndian.PutUint32(h[16:], f.Seq)
	binary.BigEndian.PutUint32(h[20:], f.Pos)
	dst = append(dst, h[:]...)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(f.Meta)))
	for _, d := range f.Shape {
		dst = binary.BigEndian.AppendUint32(dst, d)
	}
	dst = append(dst, f.Meta...)
	return append(dst, f.Data...)
}

// Encode returns f's wire form.
func (f *Frame) Encode() []byte {
	return f.Append(make([]byte, 0, headerSize+4+4*len(f.Shape)+len(f.Meta)+len(f.Data)))
}

// Decode parses a frame. Meta and Data alias b. Every length is checked
// against b, so no input makes it read out of bounds or allocate more than b.
func Decode(b []byte) (*Frame, error) {
	if len(b) < headerSize+4 {
		if len(b) > 0 && b[0] != Magic {
			return nil, ErrBadMagic
		}
		return nil, fmt.Errorf("%w: %d bytes is shorter than a header", ErrMalformed, len(b))
	}
	if b[0] != Magic {
		return nil, ErrBadMagic
	}
	if b[1] != Version {
		return nil, fmt.Errorf("%w %d (this node speaks %d)", ErrBadVersion, b[1], Version)
	}
	if b[6] != 0 || b[7] != 0 {
		return nil, fmt.Errorf("%w: reserved bytes set", ErrMalformed)
	}
	f := &Frame{Type: Type(b[2]), Flags: b[3], DType: DType(b[4])}
	if f.Type == 0 || f.Type >= typeEnd {
		return nil, fmt.Errorf("%w: unknown type %d", ErrMalformed, b[2])
	}
	if f.DType >= dtypeEnd {
		return nil, fmt.Errorf("%w: unknown dtype %d", ErrMalformed, b[4])
	}
	ndim := int(b[5])
	if ndim > maxDims {
		return nil, fmt.Errorf("%w: %d dims (at most %d)", ErrMalformed, ndim, maxDims)
	}
	f.Request = binary.BigEndian.Uint64(b[8:])
	f.Seq = binary.BigEndian.Uint32(b[16:])
	f.Pos = binary.BigEndian.Uint32(b[20:])
	metaLen := uint64(binary.BigEndian.Uint32(b[headerSize:]))
	rest := b[headerSize+4:]
	if len(rest) < 4*ndim {
		return nil, fmt.Errorf("%w: truncated shape", ErrMalformed)
	}
	elems := uint64(1)
	if ndim > 0 {
		f.Shape = make([]uint32, ndim)
	}
	for i := range f.Shape {
		f.Shape[i] = binary.BigEndian.Uint32(rest[4*i:])
		elems *= uint64(f.Shape[i])
		if elems > math.MaxUint32 {
			return nil, fmt.Errorf("%w: shape %v too large", ErrMalformed, f.Shape)
		}
	}
	rest = rest[4*ndim:]
	if metaLen > MaxMeta || metaLen > uint64(len(rest)) {
		return nil, fmt.Errorf("%w: meta of %d bytes with %d left", ErrMalformed, metaLen, len(rest))
	}
	if metaLen > 0 {
		f.Meta = rest[:metaLen]
	}
	rest = rest[metaLen:]
	want := uint64(0)
	if f.DType != DTypeNone {
		want = elems * uint64(f.DType.Size())
	} else if ndim > 0 {
		return nil, fmt.Errorf("%w: a shape without a dtype", ErrMalformed)
	}
	if uint64(len(rest)) != want {
		return nil, fmt.Errorf("%w: %d data bytes, shape %v of %d-byte elements needs %d", ErrMalformed, len(rest), f.Shape, f.DType.Size(), want)
	}
	if want > 0 {
		f.Data = rest
	}
	return f, nil
}

// Int32s reads an int32 tensor.
func (f *Frame) Int32s() ([]int32, error) {
	if f.DType != DTypeI32 {
		return nil, fmt.Errorf("%w: %s frame has dtype %d, want int32", ErrMalformed, f.Type, f.DType)
	}
	out := make([]int32, len(f.Data)/4)
	for i := range out {
		out[i] = int32(binary.LittleEndian.Uint32(f.Data[4*i:]))
	}
	return out, nil
}

// SetInt32s stores ids as a 1-D int32 tensor.
func (f *Frame) SetInt32s(ids []int32) {
	f.DType, f.Shape = DTypeI32, []uint32{uint32(len(ids))}
	f.Data = make([]byte, 4*len(ids))
	for i, v := range ids {
		binary.LittleEndian.PutUint32(f.Data[4*i:], uint32(v))
	}
}

// SetHidden stores hidden states [tokens, width] in dtype (f32 or bf16;
// bf16 rounds to nearest even, as PyTorch does).
func (f *Frame) SetHidden(h []float32, width int, dtype DType) {
	f.DType, f.Shape = dtype, []uint32{uint32(len(h) / width), uint32(width)}
	f.Data = make([]byte, len(h)*dtype.Size())
	for i, v := range h {
		bits := math.Float32bits(v)
		if dtype == DTypeBF16 {
			binary.LittleEndian.PutUint16(f.Data[2*i:], f32ToBF16(bits))
		} else {
			binary.LittleEndian.PutUint32(f.Data[4*i:], bits)
		}
	}
}

// Hidden reads hidden states of the given width as float32.
func (f *Frame) Hidden(width int) ([]float32, error) {
	if len(f.Shape) != 2 || int(f.Shape[1]) != width || f.Shape[0] == 0 {
		return nil, fmt.Errorf("%w: hidden states of shape %v, want [tokens, %d]", ErrMalformed, f.Shape, width)
	}
	n := int(f.Shape[0]) * width
	out := make([]float32, n)
	switch f.DType {
	case DTypeF32:
		for i := range out {
			out[i] = math.Float32frombits(binary.LittleEndian.Uint32(f.Data[4*i:]))
		}
	case DTypeBF16:
		for i := range out {
			out[i] = math.Float32frombits(uint32(binary.LittleEndian.Uint16(f.Data[2*i:])) << 16)
		}
	default:
		return nil, fmt.Errorf("%w: hidden states of dtype %d", ErrMalformed, f.DType)
	}
	return out, nil
}

func f32ToBF16(bits uint32) uint16 {
	if bits&0x7fffffff > 0x7f800000 { // NaN: keep it a NaN
		return uint16(bits>>16) | 0x40
	}
	return uint16((bits + 0x7fff + (bits>>16)&1) >> 16)
}
