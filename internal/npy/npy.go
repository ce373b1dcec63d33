// Package npy writes and reads float32 arrays in NumPy's .npy format
// (version 1.0), the exchange format between the Go runtime, the NumPy
// reference and people debugging logits.
package npy

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
)

var magic = []byte("\x93NUMPY")

// WriteFloat32 writes data with the given shape (C order) to path.
func WriteFloat32(path string, data []float32, shape ...int) (err error) {
	n := 1
	for _, d := range shape {
		n *= d
	}
	if n != len(data) {
		return fmt.Errorf("npy: shape %v holds %d values, got %d", shape, n, len(data))
	}
	dims := make([]string, len(shape))
	for i, d := range shape {
		dims[i] = strconv.Itoa(d)
	}
	shapeStr := strings.Join(dims, ", ")
	if len(shape) == 1 {
		shapeStr += ","
	}
	header := fmt.Sprintf("{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }", shapeStr)
	// Pad so the data starts on a 64-byte boundary, ending the header with '\n'.
	total := len(magic) + 2 + 2 + len(header) + 1
	header += strings.Repeat(" ", (64-total%64)%64) + "\n"

	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriter(f)
	w.Write(magic)
	w.Write([]byte{1, 0})
	binary.Write(w, binary.LittleEndian, uint16(len(header)))
	w.WriteString(header)
	buf := make([]byte, 4)
	for _, v := range data {
		binary.LittleEndian.PutUint32(buf, math.Float32bits(v))
		w.Write(buf)
	}
	return w.Flush()
}

var (
	descrRe = regexp.MustCompile(`'descr':\s*'([^']*)'`)
	shapeRe = regexp.MustCompile(`'shape':\s*\(([^)]*)\)`)
	fortRe  = regexp.MustCompile(`'fortran_order':\s*(True|False)`)
)

// ReadFloat32 reads a little-endian float32 or float64 C-order .npy file.
func ReadFloat32(path string) (data []float32, shape []int, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	if len(b) < 10 || string(b[:6]) != string(magic) {
		return nil, nil, fmt.Errorf("%s: not a .npy file", path)
	}
	var hlen, off int
	switch b[6] {
	case 1:
		hlen, off = int(binary.LittleEndian.Uint16(b[8:])), 10
	case 2, 3:
		if len(b) < 12 {
			return nil, nil, fmt.Errorf("%s: truncated header", path)
		}
		hlen, off = int(binary.LittleEndian.Uint32(b[8:])), 12
	default:
		return nil, nil, fmt.Errorf("%s: unsupported .npy version %d", path, b[6])
	}
	if off+hlen > len(b) {
		return nil, nil, fmt.Errorf("%s: truncated header", path)
	}
	header := string(b[off : off+hlen])
	descr, sh, fort := descrRe.FindStringSubmatch(header), shapeRe.FindStringSubmatch(header), fortRe.FindStringSubmatch(header)
	if descr == nil || sh == nil || fort == nil || fort[1] == "True" {
		return nil, nil, fmt.Errorf("%s: unsupported header %q", path, header)
	}
	n := 1
	for _, s := range strings.Split(sh[1], ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		d, err := strconv.Atoi(s)
		if err != nil || d < 0 {
			return nil, nil, fmt.Errorf("%s: bad shape %q", path, sh[1])
		}
		shape = append(shape, d)
		n *= d
	}
	raw := b[off+hlen:]
	switch descr[1] {
	case "<f4":
		if len(raw) < 4*n {
			return nil, nil, fmt.Errorf("%s: %d bytes of data, want %d", path, len(raw), 4*n)
		}
		data = make([]float32, n)
		for i := range data {
			data[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		}
	case "<f8":
		if len(raw) < 8*n {
			return nil, nil, fmt.Errorf("%s: %d bytes of data, want %d", path, len(raw), 8*n)
		}
		data = make([]float32, n)
		for i := range data {
			data[i] = float32(math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:])))
		}
	default:
		return nil, nil, fmt.Errorf("%s: dtype %s not supported (want <f4 or <f8)", path, descr[1])
	}
	return data, shape, nil
}
