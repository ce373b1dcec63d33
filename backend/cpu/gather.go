package cpu

import (
	"fmt"
	"slices"

	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// gather implements XLA's Gather for the layout GoMLX's graph.Gather emits:
// the slice (offset) axes are the trailing output axes, so each start index
// produces one contiguous block of the output.
func gather(operand, indices *Buffer, shape shapes.Shape, p *gatherParams) (*Buffer, error) {
	nBatch := shape.Rank() - len(p.offsetOutputAxes)
	for i, a := range p.offsetOutputAxes {
		if a != nBatch+i {
			return nil, fmt.Errorf("Gather with offset output axes %v (not trailing) is not implemented", p.offsetOutputAxes)
		}
	}
	out, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	opStrides := rowMajorStrides(operand.shape.Dimensions)
	// The block copied per start index: the non-collapsed slice axes.
	var blockDims, blockStrides []int
	for a, size := range p.sliceSizes {
		if !slices.Contains(p.collapsedSliceAxes, a) {
			blockDims = append(blockDims, size)
			blockStrides = append(blockStrides, opStrides[a])
		}
	}
	block := 1
	for _, d := range blockDims {
		block *= d
	}
	idx := indices.flat.([]int32)
	// Iterate the batch positions: every index of `indices` except along indexVectorAxis.
	iDims := indices.shape.Dimensions
	iStrides := rowMajorStrides(iDims)
	vectorStride := 0
	if p.indexVectorAxis < len(iDims) {
		vectorStride = iStrides[p.indexVectorAxis]
	}
	var batchDims, batchStrides []int
	for a, d := range iDims {
		if a != p.indexVectorAxis {
			batchDims = append(batchDims, d)
			batchStrides = append(batchStrides, iStrides[a])
		}
	}
	nPositions := 1
	for _, d := range batchDims {
		nPositions *= d
	}
	pos := make([]int, len(batchDims))
	for g := 0; g < nPositions; g++ {
		base := 0
		for a, v := range pos {
			base += v * batchStrides[a]
		}
		offset := 0
		for k, a := range p.startIndexMap {
			start := int(idx[base+k*vectorStride])
			// Clamp as XLA does, so the slice stays inside the operand.
			start = max(0, min(start, operand.shape.Dimensions[a]-p.sliceSizes[a]))
			offset += start * opStrides[a]
		}
		if err := copyBlock(out, g*block, operand, blockDims, blockStrides, offset, block); err != nil {
			return nil, err
		}
		for a := len(pos) - 1; a >= 0; a-- {
			pos[a]++
			if pos[a] < batchDims[a] {
				break
			}
			pos[a] = 0
		}
	}
	return out, nil
}

func copyBlock(out *Buffer, at int, src *Buffer, dims, strides []int, offset, n int) error {
	switch d := out.flat.(type) {
	case []float32:
		stridedCopy(d[at:at+n], src.flat.([]float32), dims, strides, offset)
	case []bfloat16.BFloat16:
		stridedCopy(d[at:at+n], src.flat.([]bfloat16.BFloat16), dims, strides, offset)
	case []int8:
		stridedCopy(d[at:at+n], src.flat.([]int8), dims, strides, offset)
	case []int32:
		stridedCopy(d[at:at+n], src.flat.([]int32), dims, strides, offset)
	case []bool:
		stridedCopy(d[at:at+n], src.flat.([]bool), dims, strides, offset)
	default:
		return fmt.Errorf("Gather of %s is not implemented", out.shape.DType)
	}
	return nil
}
