package benchmarks

// GPlusAPI returns the 13 routes of the Google+ API subset.
func GPlusAPI() []Route { return parseRoutes(gplusTable) }

const gplusTable = `
# people
GET    /people/:userId
GET    /people
GET    /activities/:activityId/people/:collection
GET    /people/:userId/people/:collection
GET    /people/:userId/openIdConnect

# activities
GET    /people/:userId/activities/:collection
GET    /activities/:activityId
GET    /activities

# comments
GET    /activities/:activityId/comments
GET    /comments/:commentId

# moments
POST   /people/:userId/moments/:collection
GET    /people/:userId/moments/:collection
DELETE /moments/:id
`
