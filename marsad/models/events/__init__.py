"""The learned event-salience model: does a sentence with a PROTEST or ASSAULT candidate report a current event?"""
