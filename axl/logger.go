package axl

import (
	"fmt"

	"go.uber.org/zap"
)

// yggLogger adapts zap to the logger yggdrasil-go's core expects. Its info
// lines (peer connections) are demoted to debug: a shard logs its own.
type yggLogger struct{ s *zap.SugaredLogger }

func (l yggLogger) Printf(f string, a ...interface{}) { l.s.Debugf(f, a...) }
func (l yggLogger) Println(a ...interface{})          { l.s.Debug(fmt.Sprint(a...)) }
func (l yggLogger) Infof(f string, a ...interface{})  { l.s.Debugf(f, a...) }
func (l yggLogger) Infoln(a ...interface{})           { l.s.Debug(fmt.Sprint(a...)) }
func (l yggLogger) Warnf(f string, a ...interface{})  { l.s.Warnf(f, a...) }
func (l yggLogger) Warnln(a ...interface{})           { l.s.Warn(fmt.Sprint(a...)) }
func (l yggLogger) Errorf(f string, a ...interface{}) { l.s.Errorf(f, a...) }
func (l yggLogger) Errorln(a ...interface{})          { l.s.Error(fmt.Sprint(a...)) }
func (l yggLogger) Debugf(f string, a ...interface{}) { l.s.Debugf(f, a...) }
func (l yggLogger) Debugln(a ...interface{})          { l.s.Debug(fmt.Sprint(a...)) }
func (l yggLogger) Traceln(a ...interface{})          {}
