package safetensors

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Checkpoint is the set of safetensors files of a Hugging Face model
// directory: model.safetensors, or the shards listed in
// model.safetensors.index.json. Files are opened lazily, so a shard that needs
// only some tensors opens only the files holding them.
type Checkpoint struct {
	Dir      string
	location map[string]string // tensor name -> file name
	files    map[string]*File
}

// IndexFile and SingleFile are the file names Hugging Face uses.
const (
	IndexFile  = "model.safetensors.index.json"
	SingleFile = "model.safetensors"
)

// OpenCheckpoint finds the safetensors files of a model directory.
func OpenCheckpoint(dir string) (*Checkpoint, error) {
	c := &Checkpoint{Dir: dir, location: map[string]string{}, files: map[string]*File{}}
	index, err := os.ReadFile(filepath.Join(dir, IndexFile))
	switch {
	case err == nil:
		var idx struct {
			WeightMap map[string]string `json:"weight_map"`
		}
		if err := json.Unmarshal(index, &idx); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, IndexFile), err)
		}
		if len(idx.WeightMap) == 0 {
			return nil, fmt.Errorf("%s: empty weight_map", filepath.Join(dir, IndexFile))
		}
		for name, file := range idx.WeightMap {
			if file != filepath.Base(file) {
				return nil, fmt.Errorf("%s: tensor %q points outside the model directory (%q)", filepath.Join(dir, IndexFile), name, file)
			}
			c.location[name] = file
		}
		return c, nil
	case !errors.Is(err, os.ErrNotExist):
		return nil, err
	}
	f, err := Open(filepath.Join(dir, SingleFile))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s holds neither %s nor %s", dir, SingleFile, IndexFile)
		}
		return nil, err
	}
	c.files[SingleFile] = f
	for name := range f.Header.Tensors {
		c.location[name] = SingleFile
	}
	return c, nil
}

// Names lists the tensor names of the checkpoint, sorted.
func (c *Checkpoint) Names() []string {
	names := make([]string, 0, len(c.location))
	for n := range c.location {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Has reports whether the checkpoint names a tensor.
func (c *Checkpoint) Has(name string) bool { _, ok := c.location[name]; return ok }

// File returns the open file holding a tensor.
func (c *Checkpoint) File(name string) (*File, error) {
	fileName, ok := c.location[name]
	if !ok {
		return nil, fmt.Errorf("%s: checkpoint has no tensor %q", c.Dir, name)
	}
	if f, ok := c.files[fileName]; ok {
		return f, nil
	}
	f, err := Open(filepath.Join(c.Dir, fileName))
	if err != nil {
		return nil, err
	}
	c.files[fileName] = f
	if _, ok := f.Info(name); !ok {
		return nil, fmt.Errorf("%s: the index places tensor %q here but the file does not hold it", f.Path, name)
	}
	return f, nil
}

// Info describes a tensor.
func (c *Checkpoint) Info(name string) (TensorInfo, error) {
	f, err := c.File(name)
	if err != nil {
		return TensorInfo{}, err
	}
	t, ok := f.Info(name)
	if !ok {
		return t, fmt.Errorf("%s: no tensor %q", f.Path, name)
	}
	return t, nil
}

// ReadFloat32 reads a tensor as float32, checking its shape first.
func (c *Checkpoint) ReadFloat32(name string, shape []int) ([]float32, error) {
	n := 1
	for _, d := range shape {
		n *= d
	}
	dst := make([]float32, n)
	return dst, c.ReadFloat32Into(name, shape, dst)
}

// ReadFloat32Into reads a tensor as float32 into dst (which must hold
// exactly its elements), checking its shape first.
func (c *Checkpoint) ReadFloat32Into(name string, shape []int, dst []float32) error {
	f, err := c.File(name)
	if err != nil {
		return err
	}
	t, _ := f.Info(name)
	if !equalShape(t.Shape, shape) {
		return fmt.Errorf("%s: tensor %q has shape %v, the config implies %v", f.Path, name, t.Shape, shape)
	}
	return f.ReadFloat32(name, dst)
}

// OpenFiles lists the files opened so far (a test checks a shard opened only what it needed).
func (c *Checkpoint) OpenFiles() []string {
	var names []string
	for n := range c.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Close closes every opened file.
func (c *Checkpoint) Close() error {
	var first error
	for _, f := range c.files {
		if err := f.Close(); err != nil && first == nil {
			first = err
		}
	}
	c.files = map[string]*File{}
	return first
}

func equalShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
