package api

import (
	"errors"
	"net/http"

	"github.com/computepool/computepool/api/auth"
	"github.com/computepool/computepool/api/x402"
)

// ErrorWriter writes an error in a surface's own shape (e.g. OpenAI's).
type ErrorWriter func(w http.ResponseWriter, status int, typ, param, message string)

// Guard admits a request to next when it carries a valid API key, or, with
// no key, when it pays through pay (x402). A key that is sent but wrong is
// refused (401) even where payment would do. GET requests (model lists)
// need neither. A nil store admits everyone; a nil pay means keys only.
func Guard(store *auth.Store, pay *x402.Middleware, next http.Handler, writeErr ErrorWriter) http.Handler {
	paid := http.Handler(nil)
	if pay != nil {
		paid = pay.Wrap(next)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := KeyFromRequest(r)
		if key != "" && store != nil {
			u, err := store.Authenticate(r.Context(), key)
			if errors.Is(err, auth.ErrUnauthenticated) {
				writeErr(w, http.StatusUnauthorized, "invalid_request_error", "", "the API key is unknown or revoked")
				return
			}
			if err != nil {
				writeErr(w, http.StatusInternalServerError, "server_error", "", err.Error())
				return
			}
			next.ServeHTTP(w, r.WithContext(WithUser(r.Context(), u)))
			return
		}
		switch {
		case store == nil && pay == nil, r.Method == http.MethodGet:
			next.ServeHTTP(w, r)
		case pay != nil:
			paid.ServeHTTP(w, r)
		default:
			writeErr(w, http.StatusUnauthorized, "invalid_request_error", "", errNoKey.Error())
		}
	})
}
