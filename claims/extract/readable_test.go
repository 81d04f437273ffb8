package extract

// The tests read HTML pages with go-readability, as claimbot does.
import _ "github.com/claimbot/claimbot/claims/extract/readable"
