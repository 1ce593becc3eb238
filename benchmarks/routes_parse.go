package benchmarks

// ParseAPI returns the 26 routes of Parse's REST API.
func ParseAPI() []Route { return parseRoutes(parseTable) }

const parseTable = `
# objects
POST   /1/classes/:className
GET    /1/classes/:className/:objectId
PUT    /1/classes/:className/:objectId
GET    /1/classes/:className
DELETE /1/classes/:className/:objectId

# users
POST   /1/users
GET    /1/login
GET    /1/users/:objectId
PUT    /1/users/:objectId
GET    /1/users
DELETE /1/users/:objectId
POST   /1/requestPasswordReset

# roles
POST   /1/roles
GET    /1/roles/:objectId
PUT    /1/roles/:objectId
GET    /1/roles
DELETE /1/roles/:objectId

# files, analytics, push
POST   /1/files/:fileName
POST   /1/events/:eventName
POST   /1/push

# installations
POST   /1/installations
GET    /1/installations/:objectId
PUT    /1/installations/:objectId
GET    /1/installations
DELETE /1/installations/:objectId

# cloud functions
POST   /1/functions
`
