// The cluster smoke test's own tool, in the testbox image next to Debian's busybox-static (whose
// wget crashes here). Built with CGO_ENABLED=0, so names go through Go's resolver and the pod's
// /etc/resolv.conf (search domains, ndots) exactly as an application's would.
//
//	testbox get URL                 prints the body; exits 1 on an error or a non-2xx status
//	testbox resolve NAME            prints the addresses NAME resolves to
//	testbox webhook ADDR CERT KEY   an HTTPS admission webhook that allows everything and logs each
//	                                request (proves the API server reaches webhooks in pods, as
//	                                Dapr's sidecar injector needs)
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch {
	case os.Args[1] == "get" && len(os.Args) == 3:
		get(os.Args[2])
	case os.Args[1] == "resolve" && len(os.Args) == 3:
		addrs, err := net.LookupHost(os.Args[2])
		check(err)
		for _, a := range addrs {
			fmt.Println(a)
		}
	case os.Args[1] == "webhook" && len(os.Args) == 5:
		webhook(os.Args[2], os.Args[3], os.Args[4])
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: testbox get URL | resolve NAME | webhook ADDR CERT KEY")
	os.Exit(2)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func get(url string) {
	c := http.Client{Timeout: 3 * time.Second}
	resp, err := c.Get(url)
	check(err)
	defer resp.Body.Close()
	_, _ = io.Copy(os.Stdout, resp.Body)
	if resp.StatusCode/100 != 2 {
		check(fmt.Errorf("%s", resp.Status))
	}
}

// admissionReview is the part of admission.k8s.io/v1 AdmissionReview this webhook reads and writes.
type admissionReview struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Request    *struct {
		UID       string `json:"uid"`
		Operation string `json:"operation"`
		Namespace string `json:"namespace"`
		Name      string `json:"name"`
	} `json:"request,omitempty"`
	Response *admissionResponse `json:"response,omitempty"`
}

type admissionResponse struct {
	UID     string `json:"uid"`
	Allowed bool   `json:"allowed"`
}

func webhook(addr, cert, key string) {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		var review admissionReview
		if err := json.NewDecoder(r.Body).Decode(&review); err != nil || review.Request == nil {
			http.Error(w, "bad AdmissionReview", http.StatusBadRequest)
			return
		}
		log.Printf("admission %s %s/%s", review.Request.Operation, review.Request.Namespace, review.Request.Name)
		review.Response = &admissionResponse{UID: review.Request.UID, Allowed: true}
		review.Request = nil
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(review)
	})
	log.Printf("webhook listening on %s", addr)
	log.Fatal(http.ListenAndServeTLS(addr, cert, key, nil))
}
