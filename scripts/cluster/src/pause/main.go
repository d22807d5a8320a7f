// The pod sandbox ("pause") container: holds the pod's namespaces open, reaps orphaned children
// (it is PID 1 when a pod shares its process namespace) and exits on SIGINT/SIGTERM.
// Built statically (CGO_ENABLED=0) and packed as an OCI image by scripts/cluster/build.sh, because
// no container registry is reachable from this machine.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGCHLD)
	for s := range sigs {
		if s != syscall.SIGCHLD {
			os.Exit(0)
		}
		for {
			var ws syscall.WaitStatus
			if pid, err := syscall.Wait4(-1, &ws, syscall.WNOHANG, nil); pid <= 0 || err != nil {
				break
			}
		}
	}
}
