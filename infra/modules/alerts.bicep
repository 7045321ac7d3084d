// Tells a person when the data stops being kept current: a refresh failed, or no refresh succeeded for a day.

@description('Name prefix for the action group and the alert rules.')
param namePrefix string

@description('Azure region of the alert rules.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Application Insights component whose telemetry the rules query.')
param applicationInsightsId string

@description('E-mail address that receives the alerts; empty creates the rules without notifications.')
param alertEmailAddress string

var notify = !empty(alertEmailAddress)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (notify) {
  name: 'ag-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'rareearth'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

var actions = notify
  ? {
      actionGroups: [
        actionGroup.id
      ]
    }
  : {}

// Refresh functions are named *Refresh (timer triggers and the admin endpoint). A refresh fails when its
// invocation fails (4xx answers of the admin endpoint, such as 409 "already running", are not failures)
// or when it logs an error: a source that is down, changed or wrong is recorded and logged, not thrown.
var refreshFailedQuery = '''
union
  (requests
    | where operation_Name has "Refresh"
    | where success == false and not(resultCode startswith "4")),
  (traces
    | where operation_Name has "Refresh" and severityLevel >= 3),
  (exceptions
    | where operation_Name has "Refresh")
| project timestamp, operation_Name, operation_Id
'''

// The curated refresh runs daily, so a day without one successful refresh invocation means the timers have
// stopped (app down, host not starting, identity lost its roles) and every dataset is going stale.
var refreshStaleQuery = '''
requests
| where operation_Name has "Refresh" and success == true
| project timestamp, operation_Name
'''

resource refreshFailed 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-refresh-failed'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'RareEarthApi: a data refresh failed'
    description: 'A scheduled or on-demand refresh failed or logged an error; the previous data is still served. See the refresh runs table and the traces of the operation.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: refreshFailedQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: actions
  }
}

resource refreshStale 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-data-stale'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'RareEarthApi: no refresh succeeded in a day'
    description: 'No refresh function completed successfully in the last 24 hours; the datasets are going stale.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT6H'
    windowSize: 'P1D'
    criteria: {
      allOf: [
        {
          query: refreshStaleQuery
          timeAggregation: 'Count'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: actions
  }
}

output refreshFailedAlertName string = refreshFailed.name
output refreshStaleAlertName string = refreshStale.name
