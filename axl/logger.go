package axl

import (
	"fmt"
	"sync/atomic"

	"go.uber.org/zap"
)

// yggLogger adapts zap to the logger yggdrasil-go's core expects. Its info
// lines (peer connections) are demoted to debug: a shard logs its own.
//
// Once the node is closed it drops everything: yggdrasil's link goroutines
// outlive core.Stop and still log a peer's disconnection, and the logger's
// sink may be gone by then (a finished test's zaptest logger panics: seen
// in CI as "Log in goroutine after TestStockFraming has completed").
type yggLogger struct {
	s      *zap.SugaredLogger
	closed *atomic.Bool
}

func (l yggLogger) Printf(f string, a ...interface{}) { l.debugf(f, a...) }
func (l yggLogger) Println(a ...interface{})          { l.debugf("%s", fmt.Sprint(a...)) }
func (l yggLogger) Infof(f string, a ...interface{})  { l.debugf(f, a...) }
func (l yggLogger) Infoln(a ...interface{})           { l.debugf("%s", fmt.Sprint(a...)) }
func (l yggLogger) Warnf(f string, a ...interface{})  { l.warnf(f, a...) }
func (l yggLogger) Warnln(a ...interface{})           { l.warnf("%s", fmt.Sprint(a...)) }
func (l yggLogger) Errorf(f string, a ...interface{}) { l.errorf(f, a...) }
func (l yggLogger) Errorln(a ...interface{})          { l.errorf("%s", fmt.Sprint(a...)) }
func (l yggLogger) Debugf(f string, a ...interface{}) { l.debugf(f, a...) }
func (l yggLogger) Debugln(a ...interface{})          { l.debugf("%s", fmt.Sprint(a...)) }
func (l yggLogger) Traceln(a ...interface{})          {}

func (l yggLogger) debugf(f string, a ...interface{}) {
	if !l.closed.Load() {
		l.s.Debugf(f, a...)
	}
}

func (l yggLogger) warnf(f string, a ...interface{}) {
	if !l.closed.Load() {
		l.s.Warnf(f, a...)
	}
}

func (l yggLogger) errorf(f string, a ...interface{}) {
	if !l.closed.Load() {
		l.s.Errorf(f, a...)
	}
}
