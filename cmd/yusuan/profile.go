package main

import (
	"os"
	"runtime/pprof"
)

// ProfileEnv names a file to write a CPU profile of the whole run to
// (go tool pprof reads it): how the cost of a real batch is found.
const ProfileEnv = "YUSUAN_CPUPROFILE"

// startProfile starts the CPU profile ProfileEnv asks for, if any, and
// returns what stops it.
func startProfile() (stop func()) {
	path := os.Getenv(ProfileEnv)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if pprof.StartCPUProfile(f) != nil {
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
