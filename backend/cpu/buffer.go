package cpu

import (
	"fmt"
	"reflect"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// Buffer is a tensor in host memory: flat holds []float32, []bfloat16.BFloat16,
// []int8 (weights), []int32 or []bool in row-major order.
type Buffer struct {
	shape shapes.Shape
	flat  any
	// external marks data the backend does not own (a graph constant):
	// never recycled.
	external bool
}

// newBuffer returns a buffer for shape, recycled from the pool when one of
// the same size is free: its contents are arbitrary.
func newBuffer(shape shapes.Shape) (*Buffer, error) {
	if err := checkDType(shape); err != nil {
		return nil, err
	}
	return &Buffer{shape: shape, flat: pool.get(shape.DType, shape.Size())}, nil
}

func asBuffer(b backends.Buffer) (*Buffer, error) {
	buf, ok := b.(*Buffer)
	if !ok || buf == nil {
		return nil, fmt.Errorf("backend %q: not one of its buffers (%T)", Name, b)
	}
	return buf, nil
}

func (b *Backend) BufferFinalize(buffer backends.Buffer) error {
	buf, err := asBuffer(buffer)
	if err != nil {
		return err
	}
	if buf.flat != nil && !buf.external {
		pool.put(buf.shape.DType, buf.flat)
	}
	buf.flat = nil
	return nil
}

func (b *Backend) BufferShape(buffer backends.Buffer) (shapes.Shape, error) {
	buf, err := asBuffer(buffer)
	if err != nil {
		return shapes.Invalid(), err
	}
	return buf.shape, nil
}

func (b *Backend) BufferDeviceNum(backends.Buffer) (backends.DeviceNum, error) { return 0, nil }

func (b *Backend) BufferToFlatData(buffer backends.Buffer, flat any) error {
	buf, err := asBuffer(buffer)
	if err != nil {
		return err
	}
	if reflect.TypeOf(flat) != reflect.TypeOf(buf.flat) || reflect.ValueOf(flat).Len() != reflect.ValueOf(buf.flat).Len() {
		return fmt.Errorf("backend %q: cannot copy %s into %T of length %d", Name, buf.shape, flat, reflect.ValueOf(flat).Len())
	}
	reflect.Copy(reflect.ValueOf(flat), reflect.ValueOf(buf.flat))
	return nil
}

func (b *Backend) BufferFromFlatData(deviceNum backends.DeviceNum, flat any, shape shapes.Shape) (backends.Buffer, error) {
	buf, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	if reflect.TypeOf(flat) != reflect.TypeOf(buf.flat) || reflect.ValueOf(flat).Len() != shape.Size() {
		return nil, fmt.Errorf("backend %q: flat data %T of length %d does not fit %s", Name, flat, reflect.ValueOf(flat).Len(), shape)
	}
	reflect.Copy(reflect.ValueOf(buf.flat), reflect.ValueOf(flat))
	return buf, nil
}

func (b *Backend) HasSharedBuffers() bool { return true }

func (b *Backend) NewSharedBuffer(deviceNum backends.DeviceNum, shape shapes.Shape) (backends.Buffer, any, error) {
	buf, err := newBuffer(shape)
	if err != nil {
		return nil, nil, err
	}
	return buf, buf.flat, nil
}

func (b *Backend) BufferData(buffer backends.Buffer) (any, error) {
	buf, err := asBuffer(buffer)
	if err != nil {
		return nil, err
	}
	return buf.flat, nil
}
