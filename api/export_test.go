package api

import "testing"

// TinyForTest is the served test model, set by TestMain in server_test.go
// (the external test package) so internal tests share it.
var TinyForTest *Model

func tinyForInternal(t *testing.T) *Model {
	t.Helper()
	if TinyForTest == nil {
		t.Fatal("TestMain did not load the test model")
	}
	return TinyForTest
}
