// The components this project's sidecars load (components/*, helm/, tests/state-stores/,
// dapr/config.yaml), registered under the same names and versions as dapr's full build.
//
// scripts/setup/dapr.sh compiles dapr's own cmd/daprd without component build tags and with this file
// in place of cmd/daprd/components/zz_notag.go (`go build -overlay`): the stock daprd, with only these
// components. A component type missing here fails to load with "couldn't find ... in the registry":
// add it below, then rerun scripts/setup/dapr.sh (the cache key follows this file).
package components

import (
	"github.com/dapr/components-contrib/bindings/cron"
	httpbinding "github.com/dapr/components-contrib/bindings/http"
	mysqlbinding "github.com/dapr/components-contrib/bindings/mysql"
	redislock "github.com/dapr/components-contrib/lock/redis"
	k8sresolver "github.com/dapr/components-contrib/nameresolution/kubernetes"
	"github.com/dapr/components-contrib/nameresolution/mdns"
	sqliteresolver "github.com/dapr/components-contrib/nameresolution/sqlite"
	"github.com/dapr/components-contrib/pubsub/kafka"
	redispubsub "github.com/dapr/components-contrib/pubsub/redis"
	k8ssecrets "github.com/dapr/components-contrib/secretstores/kubernetes"
	envsecrets "github.com/dapr/components-contrib/secretstores/local/env"
	filesecrets "github.com/dapr/components-contrib/secretstores/local/file"
	"github.com/dapr/components-contrib/state/mongodb"
	mysqlstate "github.com/dapr/components-contrib/state/mysql"
	postgresv1 "github.com/dapr/components-contrib/state/postgresql/v1"
	postgresv2 "github.com/dapr/components-contrib/state/postgresql/v2"
	redisstate "github.com/dapr/components-contrib/state/redis"

	"github.com/dapr/dapr/pkg/components"
	bindingsLoader "github.com/dapr/dapr/pkg/components/bindings"
	lockLoader "github.com/dapr/dapr/pkg/components/lock"
	nrLoader "github.com/dapr/dapr/pkg/components/nameresolution"
	pubsubLoader "github.com/dapr/dapr/pkg/components/pubsub"
	secretstoresLoader "github.com/dapr/dapr/pkg/components/secretstores"
	stateLoader "github.com/dapr/dapr/pkg/components/state"
)

// Fills dapr's default registries, which the runtime reads, with only the components listed here.
func init() {
	state := stateLoader.DefaultRegistry
	state.RegisterComponent(redisstate.NewRedisStateStore, "redis")
	state.RegisterComponent(mysqlstate.NewMySQLStateStore, "mysql") // also MariaDB
	state.RegisterComponent(mongodb.NewMongoDB, "mongodb")
	// state.postgresql (alias state.postgres): v1 when a component names no version, v2 preferred.
	postgres := components.Versioning{
		Preferred: components.VersionConstructor{Version: "v2", Constructor: postgresv2.NewPostgreSQLStateStore},
		Others:    []components.VersionConstructor{{Version: "v1", Constructor: postgresv1.NewPostgreSQLStateStore}},
		Default:   "v1",
	}
	state.RegisterComponentWithVersions("postgresql", postgres)
	state.RegisterComponentWithVersions("postgres", postgres)

	lockLoader.DefaultRegistry.RegisterComponent(redislock.NewStandaloneRedisLock, "redis")

	pubsubLoader.DefaultRegistry.RegisterComponent(redispubsub.NewRedisStreams, "redis")
	pubsubLoader.DefaultRegistry.RegisterComponent(kafka.NewKafka, "kafka")

	bindingsLoader.DefaultRegistry.RegisterOutputBinding(mysqlbinding.NewMysql, "mysql")
	bindingsLoader.DefaultRegistry.RegisterOutputBinding(httpbinding.NewHTTP, "http")
	bindingsLoader.DefaultRegistry.RegisterInputBinding(cron.NewCron, "cron")

	secretstoresLoader.DefaultRegistry.RegisterComponent(filesecrets.NewLocalSecretStore, "local.file")
	secretstoresLoader.DefaultRegistry.RegisterComponent(envsecrets.NewEnvSecretStore, "local.env")
	secretstoresLoader.DefaultRegistry.RegisterComponent(k8ssecrets.NewKubernetesSecretStore, "kubernetes")

	nrLoader.DefaultRegistry.RegisterComponent(mdns.NewResolver, "mdns")
	nrLoader.DefaultRegistry.RegisterComponent(sqliteresolver.NewResolver, "sqlite")
	nrLoader.DefaultRegistry.RegisterComponent(k8sresolver.NewResolver, "kubernetes")
}
