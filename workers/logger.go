package workers

import (
	"fmt"

	"go.temporal.io/sdk/log"
	"go.uber.org/zap"
)

// Logger adapts the project's zap logger to Temporal's log.Logger (key/value
// pairs become zap fields).
type Logger struct{ z *zap.Logger }

var _ log.Logger = Logger{}
var _ log.WithLogger = Logger{}

// NewLogger wraps z (one caller frame skipped so lines point at the caller).
func NewLogger(z *zap.Logger) Logger { return Logger{z: z.WithOptions(zap.AddCallerSkip(1))} }

func fields(kv []any) []zap.Field {
	out := make([]zap.Field, 0, len(kv)/2+1)
	for i := 0; i < len(kv); i += 2 {
		if i+1 == len(kv) {
			out = append(out, zap.Any("extra", kv[i]))
			break
		}
		out = append(out, zap.Any(fmt.Sprint(kv[i]), kv[i+1]))
	}
	return out
}

func (l Logger) Debug(msg string, kv ...any) { l.z.Debug(msg, fields(kv)...) }
func (l Logger) Info(msg string, kv ...any)  { l.z.Info(msg, fields(kv)...) }
func (l Logger) Warn(msg string, kv ...any)  { l.z.Warn(msg, fields(kv)...) }
func (l Logger) Error(msg string, kv ...any) { l.z.Error(msg, fields(kv)...) }

// With returns a logger with the key/value pairs added to every line.
func (l Logger) With(kv ...any) log.Logger { return Logger{z: l.z.With(fields(kv)...)} }
